"""The narrative report as the office sends it: the form of Nghị định 30/2020/NĐ-CP (thể thức văn bản hành chính).

- `models`: `DocumentSetting` (per scope unit: letterhead, number suffix, place, recipients, signer, an uploaded
  Word template) and `NarrativeEdit` (a manager's paragraph added to or replacing a section's generated text);
- `settings`: the setting of a scope unit, or defaults read from the unit tree;
- `edits`: the edits of a span and scope applied to a `Narrative`, and the service that saves them;
- `render`: the .docx rendered from a Word template with docxtpl in a sandboxed Jinja environment.
"""
