import pytest
from handreiking_data import Gids, make_gids


@pytest.fixture
def gids(db) -> Gids:
    return make_gids()
