"""The DOCX writer and reader, with the zip checks both need."""
