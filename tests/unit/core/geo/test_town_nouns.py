"""Rule ``town-noun``: Arabic copy names a town inside the name of a unit or institution called
after it ("رئيس جامعة سوهاج", the president of Sohag University; "محافظة قنا", Qena governorate),
and Arabic-script names of towns under ``ARABIC_CITY_MIN`` people are not read elsewhere (many
are words). After such a noun (``town_nouns.tsv``) the word is the town: a story that names
nothing else is located there; two words after the noun ("محافظة الوادي الجديد", "مدينة الثورة")
are no town (issue #16, session 22, hgeo36 and review hrev22). Every text here was written for
these tests, in the layout of Egyptian and Libyan news briefs."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import tag_language
from .conftest import tag_language as tag

UNIVERSITY = (
    "رئيس جامعة سوهاج يعلن افتتاح مستشفى جامعي جديد",
    "أعلن رئيس الجامعة أن المستشفى الجديد سيستقبل المرضى بداية الشهر المقبل، وأن الطلاب "
    "سيتدربون فيه خلال العام الدراسي.",
)


def test_a_university_named_after_its_town(tagger: GeoTagger) -> None:
    regions, found = tag(tagger, *UNIVERSITY, "ar")
    assert regions == ["africa"]
    assert found["سوهاج"] == ("EG", "town-noun")


def test_a_clitic_before_the_noun(tagger: GeoTagger) -> None:
    body = "افتتح المحافظ اليوم طريقا جديدا يربط القرى بمطار طبرق بعد أشهر من الأشغال."
    regions, found = tag(tagger, "افتتاح طريق جديد", body, "ar")
    assert regions == ["africa"]
    assert found["طبرق"] == ("LY", "town-noun")


def test_the_town_alone_is_not_read(tagger: GeoTagger) -> None:
    # Without the noun the letters are read as nothing (a word, a name): no place.
    body = "قال أحمد سوهاج إن المستشفى الجديد سيستقبل المرضى بداية الشهر المقبل."
    assert tag(tagger, "مستشفى جديد", body, "ar")[0] == []


def test_a_word_after_the_noun_is_no_town(tagger: GeoTagger) -> None:
    # "ولاية ثانية" is a second term of office, no wilaya.
    body = "يسعى الرئيس إلى ولاية ثانية بعد أن أعلن ترشحه أمس أمام أنصاره."
    assert tag(tagger, "الرئيس يترشح", body, "ar")[0] == []


def test_towns_of_two_countries_decide_nothing(tagger: GeoTagger) -> None:
    body = "وقعت جامعة سوهاج اتفاقية تعاون مع جامعة صفاقس لتبادل الطلاب والأساتذة."
    assert tag(tagger, "اتفاقية تعاون جامعية", body, "ar")[0] == []


def test_only_in_arabic_copy(tagger: GeoTagger) -> None:
    assert tag(tagger, *UNIVERSITY, "fa")[0] == []


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
