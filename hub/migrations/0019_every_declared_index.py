"""Every index the models declare, on both databases.

On SQLite, the schema editor created none of the `db_index` fields of 0001 nor the indexes of
0003's AlterFields (foreign keys, the ticket's unique (case, utility)); on PostgreSQL, the
foreign keys added by 0013 and 0016 (sla_clock.inquiry, document.consultation) got none. Each
statement is idempotent and uses the name Tortoise gives the index, so on a database that has it
already (PostgreSQL, mostly) it does nothing. tests/test_indexes.py compares the indexes present
with the models' declarations.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = [
    'CREATE INDEX IF NOT EXISTS idx_audit_entry_action_a20b3a ON "audit_entry" ("action")',
    'CREATE INDEX IF NOT EXISTS idx_audit_entry_at_c3f19e ON "audit_entry" ("at")',
    'CREATE INDEX IF NOT EXISTS idx_audit_entry_case_id_293249 ON "audit_entry" ("case_id")',
    'CREATE INDEX IF NOT EXISTS idx_case_applica_10108c ON "case" ("applicant_id")',
    'CREATE INDEX IF NOT EXISTS idx_case_created_cf3c12 ON "case" ("created_at")',
    'CREATE INDEX IF NOT EXISTS idx_case_project_f21b94 ON "case" ("project_id")',
    'CREATE INDEX IF NOT EXISTS idx_case_status_3c9d33 ON "case" ("status")',
    'CREATE INDEX IF NOT EXISTS idx_case_event_case_id_1aa2da ON "case_event" ("case_id")',
    'CREATE INDEX IF NOT EXISTS idx_correction__notice__2980fe ON "correction_item" ("notice_id")',
    'CREATE INDEX IF NOT EXISTS idx_correction__case_id_142b54 ON "correction_notice" ("case_id")',
    'CREATE INDEX IF NOT EXISTS idx_document_case_id_3b9f74 ON "document" ("case_id")',
    'CREATE INDEX IF NOT EXISTS idx_document_consult_00d719 ON "document" ("consultation_id")',
    'CREATE INDEX IF NOT EXISTS idx_document_ticket__08b9ca ON "document" ("ticket_id")',
    'CREATE INDEX IF NOT EXISTS idx_material_case_id_02006b ON "material" ("case_id")',
    'CREATE INDEX IF NOT EXISTS idx_material_require_49676a ON "material" ("requirement_code")',
    'CREATE INDEX IF NOT EXISTS idx_material_sha256_7d0457 ON "material" ("sha256")',
    'CREATE INDEX IF NOT EXISTS idx_material_superse_91345c ON "material" ("superseded_by_id")',
    'CREATE INDEX IF NOT EXISTS idx_material_ticket__aff11f ON "material" ("ticket_id")',
    'CREATE INDEX IF NOT EXISTS idx_paper_hando_case_id_c6d0d1 ON "paper_handover" ("case_id")',
    'CREATE INDEX IF NOT EXISTS idx_project_applica_0af717 ON "project" ("applicant_id")',
    'CREATE INDEX IF NOT EXISTS idx_sla_clock_case_id_1459e1 ON "sla_clock" ("case_id")',
    'CREATE INDEX IF NOT EXISTS idx_sla_clock_due_at_7231e7 ON "sla_clock" ("due_at")',
    'CREATE INDEX IF NOT EXISTS idx_sla_clock_inquiry_78cd83 ON "sla_clock" ("inquiry_id")',
    'CREATE INDEX IF NOT EXISTS idx_sla_clock_started_c1e54b ON "sla_clock" ("started_at")',
    'CREATE INDEX IF NOT EXISTS idx_sla_clock_ticket__4ed045 ON "sla_clock" ("ticket_id")',
    'CREATE INDEX IF NOT EXISTS idx_sla_clock_warn_at_026708 ON "sla_clock" ("warn_at")',
    'CREATE INDEX IF NOT EXISTS idx_survey_case_id_294192 ON "survey" ("case_id")',
    'CREATE INDEX IF NOT EXISTS idx_ticket_case_id_6b31c5 ON "ticket" ("case_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS uid_ticket_case_id_e02b3a ON "ticket" ("case_id", "utility")',
    'CREATE INDEX IF NOT EXISTS idx_ticket_status_f3afba ON "ticket" ("status")',
    'CREATE INDEX IF NOT EXISTS idx_ticket_survey__2b6321 ON "ticket" ("survey_id")',
    'CREATE INDEX IF NOT EXISTS idx_upload_case_id_78dc01 ON "upload" ("case_id")',
    'CREATE INDEX IF NOT EXISTS idx_upload_materia_9f80b4 ON "upload" ("material_id")',
    'CREATE INDEX IF NOT EXISTS idx_upload_ticket__b0d4c5 ON "upload" ("ticket_id")',
]


class Migration(migrations.Migration):
    dependencies = [('models', '0018_figures_columns')]

    initial = False

    # Not reversed: on PostgreSQL most of these indexes come from earlier migrations.
    operations = [ops.RunSQL(INDEXES, reverse_sql=[])]
