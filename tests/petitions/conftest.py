import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded letters and attachments go to a temporary folder, not the working tree's."""
    settings.MEDIA_ROOT = tmp_path / "media"
