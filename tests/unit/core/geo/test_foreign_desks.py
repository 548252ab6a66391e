"""Copy filed under an outlet's foreign desk ("/afrique/", "/mundo/", "/latam/",
``foreign_sections.txt``) names another country's government and taxes, so the outlet's home
does not place it (rule ``outlet-home``); only the path's sections count, not the slug (issue
#16, session 22 precision review hrev22). Every text was written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.outlet import foreign_section

from .conftest import linked

TAXES_FR = (
    "Le gouvernement relève les impôts",
    "Le ministre des Finances a annoncé que le gouvernement relèvera les impôts sur les "
    "produits importés dès le mois prochain.",
)
TAXES_PT = (
    "Governo aumenta impostos sobre importações",
    "O ministro das Finanças anunciou que o governo vai aumentar os impostos sobre produtos "
    "importados a partir do próximo mês.",
)
STRIKE_ES = (
    "Paro nacional de transportistas",
    "Los transportistas iniciaron un paro nacional contra el alza del combustible.",
)


@pytest.mark.parametrize(
    ("text", "language", "link"),
    [
        (TAXES_FR, "fr", "https://www.lemonde.fr/afrique/article/2026/01/05/impots.html"),
        (TAXES_PT, "pt", "https://www.publico.pt/2026/01/05/mundo/noticia/impostos-123"),
        (TAXES_PT, "pt", "https://www.rtp.pt/noticias/mundo/governo-aumenta-impostos_n1"),
        (STRIKE_ES, "es", "https://www.europapress.es/latam/noticia-paro-20260105.html"),
    ],
)
def test_foreign_desk_copy_is_not_the_outlets_home(
    tagger: GeoTagger, text: tuple[str, str], language: str, link: str
) -> None:
    assert tagger.tag(linked(text, link, language)).regions == []


def test_home_desk_copy_keeps_the_outlets_home(tagger: GeoTagger) -> None:
    item = linked(TAXES_PT, "https://www.publico.pt/2026/01/05/economia/noticia/impostos", "pt")
    assert tagger.tag(item).regions == ["europe"]


def test_foreign_section_reads_path_sections_not_the_slug() -> None:
    assert foreign_section("https://www.rtp.pt/noticias/mundo/x_n1")
    assert not foreign_section("https://www.rtp.pt/noticias/economia/mundo-do-trabalho")
    assert not foreign_section("not a link")
