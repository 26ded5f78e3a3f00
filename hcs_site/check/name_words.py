"""Given names and family names that must not appear as a word of a public address.

Lower-case, ASCII. Names that are also ordinary English or Spanish words a piece of work is
named after ("grace", "hope", "rosa", "luna", "brown"), or people students write reports about
("lincoln", "madison", "martin", "king"), are left out on purpose: a slug must be free to say
"martin-luther-king-speech". The student's own first name (from `display_name`) is always refused.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GIVEN_NAMES = _words("""
aaliyah aaron abigail adam addison adrian ahmed aiden aisha alejandra alejandro alexa alexander
alexis ali allison alyssa amanda amelia ana ananya andre andrea andres andrew angela aniya anthony
antonio aria ariana asher ashley aubrey audrey austin ava avery ayden brandon brayden brianna
brooklyn bryson caleb camila carlos carmen caroline cameron carson charlotte chloe christopher
ciara claire colton connor daniel daniela darnell david deshawn destiny diana diego dylan eduardo
elena elijah elizabeth emilio emily emma eric esperanza ethan evelyn ezra fatima fernanda fernando
francisco gabriel gabriela gabriella grayson guadalupe hannah harper hassan hudson imani isaac
isabella isaiah jacob jacqueline jada jamal jasmine jason javier jaxon jayden jayla jaylen jennifer
jeremiah jessica jimena jonathan jorge jose josefina joseph joshua josiah juan julia julian justin
kaitlyn karla katherine kathryn kayden kayla kaylee keisha kevin kiara kyle landon latoya lauren
layla leah levi liam lillian lily logan lucas lucia luis makayla malik manuel mariana maria mason
mateo matthew maya megan melissa mia michael michelle miguel mila mohammed muhammad natalie nathan
nevaeh nicholas nicole noah nora olivia omar owen penelope pedro priya rachel rafael rebecca
ricardo riley ryan samantha samuel santiago sarah savannah scarlett sebastian shanice sofia sophia
stephanie steven sydney tiana timothy trinity tyler tyrone valentina vanessa veronica victoria
william wyatt ximena xavier yesenia zachary zoe zoey
""")

FAMILY_NAMES = _words("""
anderson garcia gonzalez hernandez johnson jones lopez martinez miller nguyen perez ramirez
robinson rodriguez sanchez smith thompson torres williams wilson
""")

NAME_WORDS = GIVEN_NAMES | FAMILY_NAMES
