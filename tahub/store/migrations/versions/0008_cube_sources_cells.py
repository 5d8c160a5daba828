"""incident cube: rollups keeping the source or the H3 cell of incident places

The cube is derived data: its cells are dropped here (scopes kept, so their versions
only grow) and the next refresh, at startup's first reader or ingest, counts every scope
again with the new rollups.

Revision ID: 0008_cube_sources_cells
Revises: 0007_document_signatures
Create Date: 2026-12-04 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0008_cube_sources_cells'
down_revision = '0007_document_signatures'
branch_labels = None
depends_on = None


def _empty_cube() -> None:
    for table in ('cube_cells', 'cube_sources'):
        op.execute(sa.text(f'DELETE FROM {table}'))


def upgrade() -> None:
    _empty_cube()
    with op.batch_alter_table('cube_cells', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cell', sa.String(length=16), nullable=True))


def downgrade() -> None:
    _empty_cube()
    with op.batch_alter_table('cube_cells', schema=None) as batch_op:
        batch_op.drop_column('cell')
        batch_op.drop_column('source_id')
