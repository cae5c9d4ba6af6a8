from office.plugins import AppPlugin, Category

from .choices import SUPERVISION_PERSONNEL
from .permissions import ROLE_PERMISSIONS

plugin = AppPlugin(
    label="personnel",
    supervision_categories=(Category(SUPERVISION_PERSONNEL, "人事事项", order=60),),
    role_permissions=ROLE_PERMISSIONS,
)
