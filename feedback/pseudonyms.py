"""How a buyer organisation appears in public when its author chooses not to name it."""

SECTOR_NOUNS = {
    "central-government": "a central government department",
    "local-authority": "a council",
    "health": "an NHS organisation",
    "education": "a school, college or university",
    "police": "a police force",
    "fire-and-rescue": "a fire and rescue service",
    "devolved-administration": "a devolved administration",
    "other-public-body": "a public body",
}


def pseudonym(*, sector: str, region_name: str | None) -> str:
    noun = SECTOR_NOUNS.get(sector, "a public body")
    if not region_name:
        return noun[0].upper() + noun[1:]
    # "the North West", "the East of England", but "Wales" and "Northern Ireland".
    compass = region_name.startswith(("North ", "South ", "East ", "West "))
    place = f"the {region_name}" if compass else region_name
    text = f"{noun} in {place}"
    return text[0].upper() + text[1:]
