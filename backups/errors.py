class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""
