"""incident cube: rollups keeping the first-level area of incident places (departments)

The cube is derived data: its cells are dropped here (scopes kept, so their versions
only grow) and the next refresh counts every scope again with the new rollups.

Revision ID: 0009_cube_areas
Revises: 0008_cube_sources_cells
Create Date: 2026-12-04 19:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0009_cube_areas'
down_revision = '0008_cube_sources_cells'
branch_labels = None
depends_on = None


def _empty_cube() -> None:
    for table in ('cube_cells', 'cube_sources'):
        op.execute(sa.text(f'DELETE FROM {table}'))


def upgrade() -> None:
    _empty_cube()
    with op.batch_alter_table('cube_cells', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place_country', sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column('area', sa.String(length=200), nullable=True))


def downgrade() -> None:
    _empty_cube()
    with op.batch_alter_table('cube_cells', schema=None) as batch_op:
        batch_op.drop_column('area')
        batch_op.drop_column('place_country')
