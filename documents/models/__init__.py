from .archive import ArchiveItem
from .attachments import Attachment
from .common import AccessLog, IssuingCode
from .incoming import CirculationReader, IncomingDocument, IncomingStep
from .outgoing import Countersign, OutgoingDocument, OutgoingStep
from .proposals import Instruction, Proposal
from .publicity import PublicityItem
from .versions import BodyVersion

__all__ = [
    "AccessLog",
    "ArchiveItem",
    "Attachment",
    "BodyVersion",
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
