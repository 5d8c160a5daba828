"""document signatures and LSH bands: stories grouped without rereading stored texts

Existing documents get their signatures on the next document ingest (derived data).

Revision ID: 0007_document_signatures
Revises: 0006_cube_scopes
Create Date: 2026-12-04 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007_document_signatures'
down_revision = '0006_cube_scopes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_signatures',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('document_bands',
    sa.Column('band', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('band', 'document_id')
    )
    with op.batch_alter_table('document_bands', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_bands_document_id'), ['document_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('document_bands', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_bands_document_id'))
    op.drop_table('document_bands')
    op.drop_table('document_signatures')
