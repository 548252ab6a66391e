"""Session 22 precision review (hrev22): readings the day's rules took for places. Copy filed
under an outlet's foreign desk ("/afrique/", "/mundo/", "/latam/") names another country's
government and taxes, so the outlet's home does not place it (rule ``outlet-home``); two Arabic
words after a town noun ("محافظة الوادي الجديد", Egypt's New Valley governorate; a sports
"مدينة الثورة") are no towns (rule ``town-noun``). Every text was written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.outlet import foreign_section

from .conftest import linked, tag_language

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


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        (
            "محافظ الوادي الجديد يتفقد مستشفى الخارجة",
            "تفقد محافظ الوادي الجديد المستشفى العام وأكد تطوير الخدمات في محافظة الوادي الجديد.",
        ),
        (
            "افتتاح مدينة الثورة الرياضية",
            "افتتح الوزير مدينة الثورة الرياضية بعد تجديد الملعب الرئيسي وصالات التدريب.",
        ),
    ],
)
def test_arabic_words_after_town_nouns_are_no_towns(
    tagger: GeoTagger, headline: str, body: str
) -> None:
    _regions, evidence = tag_language(tagger, headline, body, "ar", weighted=True)
    assert "DZ" not in {c for c, _r in evidence.values()}
    assert "SY" not in {c for c, _r in evidence.values()}


@pytest.mark.parametrize(
    ("headline", "body", "regions"),
    [
        (
            "Show do GNR lota estádio",
            "A banda GNR lotou o estádio no show de sábado, com ingressos esgotados em duas horas.",
            [],
        ),
        (
            "Guns N' Roses: GNR anuncia nova turnê",
            "O GNR anunciou uma turnê por estádios no ano que vem, com três datas confirmadas.",
            [],
        ),
        (
            "GNR registou 300 acidentes no fim de semana",
            "A GNR registou 300 acidentes e fiscalizou 12 mil condutores durante a operação.",
            ["europe"],
        ),
    ],
)
def test_gnr_is_portugals_guard_only_with_its_cues(
    tagger: GeoTagger, headline: str, body: str, regions: list[str]
) -> None:
    assert tag_language(tagger, headline, body, "pt")[0] == regions


@pytest.mark.parametrize(
    ("headline", "body", "language"),
    [
        (
            "Vendas de Natal crescem 5%",
            "As vendas de Natal cresceram 5% nos centros comerciais, segundo a associação do setor.",
            "pt",
        ),
        (
            "Ventas de Navidad suben un 4%",
            "Las ventas de Navidad subieron un 4% en los centros comerciales, según el gremio.",
            "es",
        ),
    ],
)
def test_christmas_sales_headlines_name_no_town(
    tagger: GeoTagger, headline: str, body: str, language: str
) -> None:
    assert tag_language(tagger, headline, body, language)[0] == []


def test_natal_is_still_the_city_beside_brazils_evidence(tagger: GeoTagger) -> None:
    regions, _evidence = tag_language(
        tagger,
        "Natal recebe festival de música",
        "A cidade de Natal, no Rio Grande do Norte, recebe o festival neste fim de semana.",
        "pt",
    )
    assert regions == ["americas"]


def test_northern_cyprus_police_copy_is_cyprus(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "KKTC'de polis kaçakçıyı yakaladı",
        "Polis ekipleri limanda bir kaçakçıyı yakaladı, belediye meclisi de toplandı.",
        "tr",
        weighted=True,
    )
    assert regions == ["europe"]
    assert {c for c, _r in evidence.values()} == {"CY"}
