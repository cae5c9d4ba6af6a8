from .archive import ArchiveItem
from .attachments import Attachment
from .common import AccessLog, IssuingCode
from .incoming import CirculationReader, IncomingDocument, IncomingStep
from .outgoing import Countersign, OutgoingDocument, OutgoingStep
from .proposals import Instruction, Proposal
from .publicity import PublicityItem

__all__ = [
    "AccessLog",
    "ArchiveItem",
    "Attachment",
    "CirculationReader",
    "Countersign",
    "IncomingDocument",
    "IncomingStep",
    "Instruction",
    "IssuingCode",
    "OutgoingDocument",
    "OutgoingStep",
    "Proposal",
    "PublicityItem",
]
