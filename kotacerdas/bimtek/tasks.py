"""The guidance job kinds."""
