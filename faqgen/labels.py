"""Interface words of the generated pages, and dates written out, in each language.

Content lives in faq.yaml; these are the few words of the page furniture around it. A
test checks that both languages have the same keys, so none can be missing in one.
"""

from __future__ import annotations

import datetime as dt

from .model import PhaseStatus

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "index_nav": "Accueil",
        "search_none": "Aucune question ne correspond",
        "search_one": "1 question",
        "search_other": "# questions",
        "search_failed": "La recherche n’a pas pu être chargée. Tapez de nouveau pour réessayer.",
        "search_partial": "Aucune question ne contient «\u00a0%\u00a0»; en voici # qui contiennent les autres mots",
        "search_spelled": "Résultats pour «\u00a0#\u00a0»",
        "not_found": "Page introuvable",
        "not_found_text": "L’adresse demandée ne correspond à aucune page de ce site.",
        "not_found_home": "Aller à l’accueil en français",
        "key_points": "Points clés",
        "audiences": "Questions par public",
        "timeline": "Calendrier de mise en œuvre",
        "timeline_nav": "Calendrier",
        "timeline_intro": "Les phases et les jalons du calendrier, avec leurs dates.",
        "timeline_see": "Voir le calendrier de mise en œuvre",
        "phases": "Phases",
        "milestones": "Jalons",
        "as_of": "Situation au {date}",
        "phase": "Phase {number}",
        "status": "État",
        "question": "question {number}",
        "question_elsewhere": "question {number} ({page})",
        "copy_link": "Copier le lien vers la question {number}",
        "link_copied": "Lien vers la question {number} copié",
        "published": "Publié le {date}",
        "updated": "Date de modification\u00a0:",
        "translation_of": "Cette version française est une traduction de l’original anglais.",
        "on_this_page": "Sur cette page",
        "glossary": "Glossaire",
        "glossary_nav": "Glossaire",
        "glossary_intro": "Des abréviations que vous pourriez rencontrer, et ce qu’elles désignent. Ce glossaire est rédigé pour ce site ; il ne fait pas partie du document du ministère.",
        "milestones_note": "Les jalons sont ajoutés pour ce site ; ils ne font pas partie du document du ministère.",
        "glossary_other": "En anglais\u00a0:",
        "downloads": "Télécharger",
        "download_pdf": "Le document complet, pour l’imprimer ou le conserver (PDF)",
        "download_calendar": "Le calendrier de mise en œuvre, pour votre agenda (iCalendar, .ics)",
        "download_data": "Toutes les questions et réponses en données ouvertes, en français et en anglais (JSON)",
        "whats-new": "Quoi de neuf",
        "whats-new_nav": "Quoi de neuf",
        "whats-new_intro": "Les changements apportés à ces questions et réponses depuis leur publication, du plus récent au plus ancien.",
        "whats-new_see": "Voir tous les changements",
        "whats-new_none": "Aucun changement depuis la publication, le {date}.",
        "recently_updated": "Mis à jour récemment",
        "updated_mark": "Mis à jour",
        "modified_on": "Modifiée le",
        "update_touched": "Ce qui a changé\u00a0:",
        "feed": "Fil Atom des changements",
        "preview": "Aperçu — version non publiée ({label})",
        "contact": "Nous joindre",
        "report_problem": "Signaler un problème sur cette page",
        "report_subject": "Problème sur la page\u00a0:",
        "only_in_fr": "(version française)",
        "only_in_en": "(version anglaise)",
        "region_manager": "Région de {region}\u00a0: {manager}",
        "questions_count": "{count} questions",
        "question_count": "{count} question",
        "range": "{start} à {end}",
        "from": "À partir du {start}",
        PhaseStatus.COMPLETED.value: "Terminée",
        PhaseStatus.IN_PROGRESS.value: "En cours",
        PhaseStatus.UPCOMING.value: "À venir",
    },
    "en": {
        "index_nav": "Home",
        "search_none": "No matching question",
        "search_one": "1 question",
        "search_other": "# questions",
        "search_failed": "Search could not be loaded. Type again to try again.",
        "search_partial": "No question has “%”; here are # that have the other words",
        "search_spelled": "Results for “#”",
        "not_found": "Page not found",
        "not_found_text": "There is no page at this address.",
        "not_found_home": "Go to the English home page",
        "key_points": "Key points",
        "audiences": "Questions by audience",
        "timeline": "Implementation timeline",
        "timeline_nav": "Timeline",
        "timeline_intro": "The phases and milestones of the timeline, with their dates.",
        "timeline_see": "See the implementation timeline",
        "phases": "Phases",
        "milestones": "Milestones",
        "as_of": "As of {date}",
        "phase": "Phase {number}",
        "status": "Status",
        "question": "question {number}",
        "question_elsewhere": "question {number} ({page})",
        "copy_link": "Copy the link to question {number}",
        "link_copied": "Link to question {number} copied",
        "published": "Published {date}",
        "updated": "Date modified:",
        "translation_of": "This English edition is a translation of the French original.",
        "on_this_page": "On this page",
        "glossary": "Glossary",
        "glossary_nav": "Glossary",
        "glossary_intro": "Abbreviations you may meet, and what they stand for. This glossary was written for this site; it is not part of the ministry’s document.",
        "milestones_note": "The milestones were added for this site; they are not part of the ministry’s document.",
        "glossary_other": "In French:",
        "downloads": "Download",
        "download_pdf": "The complete document, to print or keep (PDF)",
        "download_calendar": "The implementation timeline, for your calendar (iCalendar, .ics)",
        "download_data": "Every question and answer as open data, in English and French (JSON)",
        "whats-new": "What’s new",
        "whats-new_nav": "What’s new",
        "whats-new_intro": "Changes to these questions and answers since they were published, newest first.",
        "whats-new_see": "See every change",
        "whats-new_none": "No change since publication on {date}.",
        "recently_updated": "Recently updated",
        "updated_mark": "Updated",
        "modified_on": "Modified",
        "update_touched": "What changed:",
        "feed": "Atom feed of changes",
        "preview": "Preview — not the published version ({label})",
        "contact": "Contact us",
        "report_problem": "Report a problem on this page",
        "report_subject": "Problem on the page:",
        "only_in_fr": "(French version)",
        "only_in_en": "(English version)",
        "region_manager": "{region} region: {manager}",
        "questions_count": "{count} questions",
        "question_count": "{count} question",
        "range": "{start} to {end}",
        "from": "From {start}",
        PhaseStatus.COMPLETED.value: "Completed",
        PhaseStatus.IN_PROGRESS.value: "In progress",
        PhaseStatus.UPCOMING.value: "Upcoming",
    },
}

_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def format_date(date: dt.date, lang: str, precision: str = "day") -> str:
    """`1er octobre 2020` / `October 1, 2020` (Government of Ontario style); `juillet 2019` by month."""
    month = _MONTHS[lang][date.month - 1]
    if precision == "month":
        return f"{month} {date.year}"
    if lang == "fr":
        day = "1er" if date.day == 1 else str(date.day)
        return f"{day} {month} {date.year}"
    return f"{month} {date.day}, {date.year}"


def roman(number: int) -> str:
    """Phase numbers as the source writes them: I, II, III."""
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    result = ""
    for value, numeral in numerals:
        while number >= value:
            result += numeral
            number -= value
    return result
