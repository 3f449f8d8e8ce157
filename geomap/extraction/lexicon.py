"""Word lists and patterns: event triggers, actors, weapons, hedges, denials and attribution.

Each list is one compiled regex (alternation), so a sentence is scanned once
per concern. The lists are data: extend them here, not in the pipeline.
"""
from __future__ import annotations

import re

from ..gazetteer import oblast_table
from .rules import STOP_EN, Rule, ascii_twin, first_word_keys, lower_pattern  # noqa: F401 (lower_pattern, ascii_twin: used through L)
from .speech import alternation as _speech_verbs

I = re.IGNORECASE

# --- event triggers ----------------------------------------------------------
# Rule(event_type, default sub_type, pattern, stems); sub_type may be refined by weapons or words.
# Each rule's gate is generated from its pattern (rules.first_word_keys); ``stems``: gate keys that
# start many everyday words ("with", "state") open the gate only with the longer stem the pattern needs.
_DRONE = r"(?:drones?|UAVs?|quadcopters?|unmanned\s+aerial\s+vehicles?|Orlan|Zala|Supercam|Mavic)"
_FORCE = (r"(?:troops|soldiers|servicemen|personnel|units|forces|fighters|battalions?|brigades?|regiments?|deminers|sappers|"
          r"builders|construction\s+(?:workers|troops)|"
          r"reinforcements|contingent|crews|operators|infantry|marines|paratroopers|special\s+forces)")
_NUM = r"(?:[\d,]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds|dozens)"
# a count of people or places: "27", "more than two dozen", "a group of", "dozens of"
_COUNT = (r"(?:(?:some|about|around|roughly|nearly|almost|over|more\s+than|at\s+least|up\s+to|another|a\s+further|"
          r"a\s+total\s+of)\s+)*(?:(?:" + _NUM + r"|a|one)\s+dozen|a\s+(?:group|number|handful|dozen)\s+of|dozens\s+of|"
          r"hundreds\s+of|several|" + _NUM + r")")
_SIDE = r"(?:enemy|Russian|Ukrainian|North\s+Korean|Korean|more)"
# ground taken back, as reporting says it beside "retook" and "won back": "took back the village of X", "reclaimed
# two settlements", "clawed back territory" (the ground_assault rule's and GROUND_NAMED's verbs)
_TAKEN_BACK = r"(?:t(?:ook|aken)\s+back|reclaim(?:ed|ing|s)?|clawed\s+back)"
# ground fighting as reporting tells it beyond "attacked" and "captured" (issue 16): fighting that goes on,
# encirclement, a force driven out or pushed back, villages freed in a list, gains,
# infiltration and sabotage groups, a force entering a settlement, ground held by a side
_GROUND_MORE = (
    # "fighting continues in the Kursk region", "fierce battles are raging for X", "combat is under way"
    r"(?:fighting|battles?|combat|hostilities)\s+(?:(?:is|are|was|were|has|have|had|been|still|now|also|reportedly)\s+){0,3}"
    r"(?:continu(?:e|es|ed|ing)|go(?:es|ing)?\s+on|went\s+on|under\s*way|ongoing|rag(?:e|es|ed|ing)|persist(?:s|ed|ing)?|"
    r"intensif(?:y|ies|ied|ying)|erupted|broke\s+out|resumed|flared)|"
    r"(?:heavy|fierce|intense|ferocious|bitter|heated|street|positional|close-quarters?)\s+(?:fighting|battles?|combat)|"
    # "surrounded near Olgovka", "moved to encircle 3,000 troops", "cut off the supply routes"
    # ("to avoid encirclement", "the threat of encirclement": what did not happen)
    r"(?<!avoid\s)(?<!avert\s)(?<!escape\s)(?<!risk\sof\s)(?<!threat\sof\s)(?<!danger\sof\s)encircl(?:e|ed|es|ing|ement)|semi-encircl\\w*|surrounded\s+(?:near|in|around|inside|by\s+(?:the\s+)?" + _SIDE + r")|"
    # (prisoners taken are a force's losses: CASUALTIES)
    # "drove Ukrainian units out of four settlements", "ousted from", "pushed Russian troops back by 4 km"
    # (a force is what is driven out or back: "shelling forced residents out of their homes" is no fight)
    r"(?:drove|driven|driving|oust(?:ed|ing)|expel(?:led|ling)|dislodg(?:ed|ing)|kick(?:ed|ing)|knock(?:ed|ing)|"
    r"squeez(?:ed|ing)|forced|push(?:ed|es|ing)?|threw|thrown|beat(?:en)?)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:troops|forces|units|soldiers|fighters|servicemen|enemy|army|Ukrainians|Russians|them)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:out\s+(?:of|from)|back)\b(?!\s+(?:to|home))|"
    r"(?:(?<=were\s)|(?<=was\s)|(?<=been\s)|(?<=being\s))(?:pushed|ousted|dislodged|knocked|thrown|beaten)\s+(?:back|out)\b|"
    r"(?:oust(?:ed|ing)|expel(?:led|ling)|dislodg(?:ed|ing))\s+(?:[\w'’-]+\s+){0,4}?from|"
    # "liberated the following 10 settlements", "freed Goncharovka" (named: GROUND_NAMED)
    r"(?:liberat(?:ed|ing)|freed|freeing|took|captur(?:ed|ing)|retook|recaptur(?:ed|ing))\s+(?:the\s+following|another|a\s+further)\s+"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?:villages|settlements|towns|localities)|"
    r"freed\s+(?:the\s+)?(?:villages?|settlements?|towns?|hamlets?)|"
    # "gained ground", "made gains near X", "crept forward"
    r"gain(?:ed|ing|s)?\s+ground|(?:made|making|make|makes)\s+(?:\w+\s+){0,2}?gains|"
    r"(?:territorial\s+)?gains\s+(?:in|near|around)|(?:crept|creeping|inch(?:ed|ing)|edg(?:ed|ing))\s+(?:\w+\s+){0,2}?forward|"
    # "sabotage groups tried to cross", "infiltrated the village"
    r"(?:infiltrat|penetrat)(?:e|ed|es|ing|ion)|sabotage(?:\s+and\s+reconnaissance)?\s+(?:groups?|units?|teams?|squads?)|"
    # "troops entered the district" (a force word must be near: see events.find_triggers)
    r"entered\s+(?:the\s+)?(?:[\w-]+\s+)?(?:outskirts|village|town|settlement|territory|district|region|border\s+areas?)|"
    # "villages now held by Russian forces", "under the control of Russian forces"
    r"(?:(?<=are\s)|(?<=were\s)|(?<=is\s)|(?<=was\s)|(?<=now\s)|(?<=still\s))(?:held|controlled|occupied)\s+by\s+(?:the\s+)?"
    r"(?:Russian|Ukrainian|enemy|Moscow|Kyiv)|"
    r"under\s+the\s+control\s+of\s+(?:the\s+)?(?:Russian|Ukrainian|enemy)|"
    r"(?:establish(?:ed|ing)|gain(?:ed|ing)|assum(?:ed|ing)|tak(?:e|es|ing))\s+(?:full\s+|complete\s+)?control\s+(?:over|of)|"
    r"(?:took|taken)\s+(?:full|complete)\s+control\s+(?:over|of)|"
    # "confirmed the liberation of the village of X", "the capture of X was announced"
    r"(?:liberation|recapture|capture|seizure)\s+of\s+(?:the\s+)?(?:(?:village|town|settlement|hamlet)s?\s+of\s+)?[\w'’-]+"
)
# ground fighting told of a region (session 7), a record of its own so that the two above run no more alternatives
_GROUND_REGION = (
    # "25 combat engagements in the Kursk direction", "skirmishes near X"
    r"combat\s+engagements?|firefights?|skirmish(?:es)?|"
    # "trying to carve out a buffer zone in the Sumy region": ground taken along the border
    r"(?:creat(?:e|ed|es|ing)|carv(?:e|ed|es|ing)(?:\s+out)?|establish(?:ed|es|ing)?|set(?:ting)?\s+up|expand(?:ed|s|ing)?|"
    r"widen(?:ed|s|ing)?)\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:so-called\s+)?[\"“]?buffer\s+zones?|"
    # "Ukraine lost control of Sudzha"
    r"(?:lost|losing|lose|loses)\s+control\s+(?:of|over)|"
    # "crossed the border in the Sumy region", "units crossed into the Kursk region", "troops had crossed the border,"
    # (a force near: see find_triggers; "crossed the border guards' posts" is no crossing)
    r"cross(?:ed|ing)\s+(?:the\s+(?:state\s+)?border(?:\s+(?:in|at)\b|(?=\s*[,;.]))|into)|"
    # a force taking part in the fighting, as intelligence briefings tell it of a region: "the brigade is now engaged in
    # combat", "some of them have joined the fighting", "units taking part in battles there", "began to engage the
    # new units directly in combat", "sent conscripts into battle" (told of the troops, not one named fight; "combat
    # operations" is what any arm does, an air force's strikes too)
    r"(?:engag(?:e|ed|es|ing)\s+(?:[\w'’-]+\s+){0,4}?|join(?:ed|s|ing)?\s+|participat(?:e|ed|es|ing)\s+|"
    r"t(?:ook|ake|akes|aking)\s+part\s+)(?:(?:directly|actively|already|now|also)\s+)?(?:in\s+|into\s+)?(?:the\s+)?"
    r"(?:actual\s+|active\s+|direct\s+|real\s+|ongoing\s+)?(?:combat(?!\s+operations)|fighting|battles?|hostilities)|"
    r"(?:sen[dt]|sending|threw|thrown|throw(?:s|ing)?)\s+(?:[\w,'’-]+\s+){0,6}?into\s+(?:the\s+)?(?:combat|battles?|fighting)"
)
# forces moved, thrown in or regrouping, and troops fighting beside another army (session 7): deployments,
# a record of its own for the same reason
_DEPLOYMENT_MOVED = (
    # "moved two brigades to the Sumy region", "threw its reserves into Kursk", "units regrouped"
    r"(?:moved|moving|shifted|shifting|relocated|relocating|redirected|redirecting|rotated|rotating|brought|bringing|"
    r"threw|thrown|throwing|transferred|transferring|diverted|diverting|pulled|pulling|rushed|rushing)\s+(?:in\s+)?"
    r"(?:[\w,'’-]+\s+){0,4}?(?:" + _FORCE[3:-1] + r"|reserves)\s+"
    r"(?:(?:from\s+|in\s+)(?:[\w'’-]+\s+){1,4}?)?(?:to|into|toward|towards)|regroup(?:ed|ing|s)?|"
    # "reserves were rushed to the Kursk region" (the force word is find_triggers' FORCE_NEAR: the verb gates)
    r"(?:were|was|been|being)\s+(?:hastily\s+|urgently\s+|quickly\s+)?"
    r"(?:rushed|transferred|moved|redeployed|shifted|diverted|brought|thrown|relocated)\s+(?:in\s+)?(?:to|into|toward|towards)|"
    # (a finite verb: "troops fighting alongside Russians" names the troops, and reports nothing new)
    r"(?:(?:are|were|is|was|been)\s+(?:fighting|serving|operating)|fought|served|operated)\s+alongside"
)

TRIGGERS: list[Rule] = [
    Rule("other", "training",
     # ("better trained units", "well-trained troops": what the troops are like, no training told; "of course", "in due
     # course", "on course": no course taught; "sent to Russia for training": the errand given, no training told)
     r"\b(?:(?<!better\s)(?<!well\s)(?<!well-)(?<!poorly\s)(?<!highly\s)(?<!less\s)(?<!more\s)(?<!best\s)(?<!western-)"
     r"(?<!nato-)trained|(?<!\bfor\s)training|train\s+(?:the|them|North|new)|instructors?|(?<!of\s)(?<!due\s)(?<!on\s)(?<!off\s)courses?(?!\s+of\b)|taught|drills|"
     r"exercises|schooled|instruction\s+in)\b", stems=(("scho", "schooled"),)),
    Rule("deployment", "troop_arrival",
     # ("struck deployment sites", "a temporary deployment point": where troops are based, a strike's target)
     r"\b(?:(?<!temporary\s)deploy(?:ed|s|ing|ment(?!\s+(?:points?|sites?|areas?|locations?|places?)\b))?|"
     r"dispatch(?:ed|es|ing)?|arriv(?:ed|al|ing|es)|stationed|garrisoned|"
     r"(?:are|were|is|was|remain|remained)\s+based|"
     r"reinforc(?:e|ed|es|ing|ements)|redeploy(?:ed|ing|ment)?|transferr?(?:ed|ing)\s+(?:to|into)|"
     r"mass(?:ed|ing)\s+(?:troops|forces|near|along|on)|build-?up\s+of|moved\s+(?:into|to)|"
     r"(?:sent|sending|send)\s+(?:(?:about|some|around|roughly|nearly|more\s+than|up\s+to|an?\s+estimated|another|"
     r"additional|a\s+further|fresh|new|several|[\d,]+|thousands\s+of|hundreds\s+of)\s+)*"
     r"(?:(?:North\s+Korean|Russian|Ukrainian|military|combat|elite|more|extra)\s+)*" + _FORCE + r"|"
     r"(?:took|taken|taking|take)\s+(?:over|up)\s+(?:\w+\s+){0,3}(?:positions|posts|sectors?|trenches)|"
     r"fortif(?:y|ied|ies|ying|ications?)\s+(?:\w+\s+){0,3}?(?:positions|lines?|defen[cs]es|border|trenches|villages?|towns?)|"
     r"(?:built|building|build|builds|construct(?:ed|ing|s)?|erect(?:ed|ing|s)?)\s+(?:\w+\s+){0,2}?fortifications|"
     r"(?:dug|digging|dig|digs)\s+(?:\w+\s+){0,2}?trenches|"
     r"defensive\s+lines?\s+(?:along|near|around|in|on)|"
     r"pull(?:ed|ing)?\s+(?:[\w'’-]+\s+){0,3}?(?:back|out)\b|withdr(?:ew|awn|awal|awing)|dig(?:ging|s)?\s+in|dug\s+in|"
     r"(?:gather(?:ed|ing|s)?|assembl(?:ed|ing|es)|concentrat(?:ed|ing|es)|amass(?:ed|ing|es)|reach(?:ed|ing))\s+"
     r"(?:(?:about|some|around|roughly|nearly|more\s+than|up\s+to|several|[\d,]+|thousands?|hundreds?|of|North\s+Korean|"
     r"Russian|Ukrainian|its|their|(?:in|on|near|along|at)\s+the|in|on|near|along)\s+)*(?:Kursk|Sumy|troops|soldiers|forces|units)|"
     # "8,000 DPRK soldiers are now in Russia's Kursk region", "thousands of North Korean troops were already inside Kursk"
     r"(?:[\d,]{3,}|thousands\s+of)\s+(?:(?:North\s+Korean|Korean|DPRK|Russian|Ukrainian|special[\s-]operations|elite|more)\s+)*"
     r"(?:troops|soldiers|servicemen)\s+(?:(?:are|were|now|already|still|currently|reportedly)\s+){0,3}(?:in|inside|on\s+the)\s+"
     r"(?:the\s+|Russia(?:'s|’s)\s+|Ukraine(?:'s|’s)\s+)?(?:Kursk|Sumy))\b",
         stems=(("with", "withdr"), ("stat", "stationed"), ("move", "moved"), ("defe", "defensive"), ("fort", "fortif"),
                ("cons", "fortif"), ("erec", "fortif"))),
    Rule("drone_reconnaissance", "aerial_reconnaissance",
     r"\b(?:reconnaissance|recon|surveillance|spott(?:ing|ed|ers?)|scout(?:ing|ed)|aerial\s+observation|"
     r"target\s+acquisition|(?:look(?:ing|s)?|search(?:ing|es)?|hunt(?:ing|s)?)\s+for|"
     r"(?:identif(?:y|ied|ying|ies)|locat(?:e|ed|ing|es)|pinpoint(?:ed|ing|s)?|map(?:ped|ping))\s+"
     r"(?:Ukrainian\s+|Russian\s+|enemy\s+|the\s+|their\s+)*(?:positions|targets|troops|units|concentrations|"
     r"artillery|depots|hubs|equipment)|"
     r"(?:fl(?:y|ew|ies|own|ying))\s+(?:\w+\s+){0,2}" + _DRONE + r"\s+(?:over|above|across|into|from)|"
     r"(?:correct(?:ed|ing|s)?|adjust(?:ed|ing|s)?|direct(?:ed|ing|s)?|guid(?:e|ed|ing|es)|aim(?:ed|ing|s)?)\s+(?:the\s+|its\s+|their\s+)?"
     r"(?:artillery\s+|rocket\s+|Russian\s+)?(?:fire|strikes|shelling)|"
     r"(?:pass(?:ed|ing|es)?|relay(?:ed|ing|s)?|transmit(?:ted|ting|s)?)\s+(?:target\s+)?coordinates)\b", stems=(("loca", "locat"),)),
    Rule("strike", "shelling",
     r"\b(?:struck|strikes?|striking|shell(?:ed|ing|s)|hits?(?!\s+(?:(?:its|a|an|the|their|new|all-time|record)\s+)*(?:[\w-]+\s+)?(?:mark|milestone|record|high|low|peak|levels?)\b)|bombard(?:ed|ing|ment)|pound(?:ed|ing)|"
     r"rockets?|missiles?|MLRS|multiple[\s-]launch\s+rocket|Grads?|Uragans?|Tornado-S|HIMARS|"
     r"artillery\s+(?:fire|barrage|strikes?|attacks?)|(?:FPV|kamikaze|attack|strike)\s+drones?\s+(?:attack|hit|struck|strike)|"
     r"(?:FPV|drone)\s+(?:attacks?|strikes?)|glide\s+bombs?|guided\s+(?:aerial\s+)?bombs?|KABs?|air\s*strikes?|"
     r"airstrikes?|mortar\s+(?:fire|rounds|attacks?)|dropped\s+(?:\w+\s+){0,2}bombs?|aerial\s+bombs?|bomb(?:ed|ing)|Shaheds?|Gerans?|Lancets?|"
     r"drones?\s+(?:had\s+|have\s+)?(?:attacked|struck|hit)|"
     r"drones?\s+(?:had\s+|has\s+|have\s+)?(?:detonated|exploded|damag(?:ed|ing))|(?:detonation|explosion)\s+of\s+(?:an?\s+|the\s+)?"
     r"(?:[\w-]+\s+)?(?:drones?|UAVs?)|attacks?\s+(?:by|with)\s+(?:\w+\s+){0,2}drones?|"
     r"attack(?:ed|ing|s)?\s+(?:[\w-]+\s+){0,6}?(?:with|using|by)\s+(?:[\w-]+\s+){0,2}"
     r"(?:drones?|UAVs?|missiles?|rockets?|bombs?|artillery|mortars?|Shaheds?|Gerans?)|"
     r"(?:drones?|UAVs?|Shaheds?)\s+(?:crashed|slammed|smashed|flew)\s+into\s+(?:[\w-]+\s+){0,3}?(?:buildings?|houses?|"
     r"blocks?|homes?|apartments?|facilit(?:y|ies)|enterprises?|garages?|cars?|vehicles?|warehouses?)|"

     # "attacked the Sumy region 84 times": a summary's count of attacks is shelling, not ground fighting
     r"attack(?:ed|ing)?\s+(?:[\w'’-]+\s+){0,8}?(?:\d+|dozens\s+of|several|multiple|many)\s+times|"
     r"destroy(?:ed|ing|s)|came\s+under\s+(?:\w+\s+)?(?:attack|fire|shelling)|"

     r"(?:explosions?|blasts?)\s+(?:were\s+|was\s+)?(?:recorded|heard|reported)|\d[\d,]*\s+(?:[\w-]+\s+)?blasts|explosions?\s+(?:\w+\s+){0,2}?(?:rocked|shook|rang\s+out\s+in)|carried\s+out\s+(?:\w+\s+){0,2}(?:attacks?|strikes?)|attacks\s+(?:have\s+|had\s+)?affected|"
     # "the attacks reportedly targeted areas near A, B and C": what attacks aim at is struck
     # "the communities of A, B and C were targeted", "targeting the hromadas of A and B": the places an
     # administration's summary names as aimed at were struck (a passive, or a list of places after it)
     # (the word first, its auxiliary looked back at after: a look-behind tried at every position costs)
     r"target(?:ed(?:(?<=were\stargeted)|(?<=was\stargeted)|(?<=been\stargeted)|(?<=being\stargeted)|(?<=also\stargeted)|"
     r"(?<=reportedly\stargeted))|(?:ed|ing)\s+(?:the\s+)?(?:border\s+|frontline\s+|front-line\s+|rural\s+)?"
     r"(?:communit(?:y|ies)|hromadas?|villages?|settlements?|towns?|cit(?:y|ies))\s+of)|"
     r"attacks?\s+(?:(?:also|reportedly|allegedly|mainly|mostly|had|have|were)\s+)?(?:targeted|hit|damaged))\b(?!\s+back)",
         ),
    Rule("ground_assault", "assault",
     # ("an assault on press freedom", "an assault on our integrity": a figure of speech, no fighting)
     r"\b(?:assault(?:s|ed|ing)?(?!\s+on\s+(?:the\s+|our\s+|its\s+|their\s+|press\s+)?(?:integrity|freedom|independen\w*|"
     r"free\s+press|journalism|democracy|truth|values|rights|dignity|media)\b)|offensives?|incursions?|counter-?offensives?|counter-?attack(?:s|ed)?|"
     r"push(?:ed|es|ing)?\s+(?:(?:\w+\s+){0,3}(?:into|toward|towards|through|deeper)|forward|back)|(?:renewed|fresh|new|Russian|Ukrainian)\s+push|"
     r"advanc(?:e|ed|es|ing)|storm(?:ed|ing)|"
     r"cross(?:ed|ing)?\s+(?:the\s+)?border\s+(?:into|near)|"
     r"(?:took|taken|captur(?:ed|e|ing)|seiz(?:ed|e|ing)|recaptur(?:ed|e|ing)|retook|retak(?:e|en|ing)|"
     r"liberat(?:ed|e|ing)|win\s+back|won\s+back|regain(?:ed)?|" + _TAKEN_BACK + r")\s+(?:ground|territory|the\s+(?:last\s+|remaining\s+|final\s+|key\s+|strategic\s+)?(?:village|town|settlement|hamlet)s?|control|"
     r"(?:another|one\s+more|a\s+further|a(?:\s+border|\s+small|\s+new)?)\s+(?:village|town|settlement|hamlet)\b|"
     r"(?:(?:nearly\s+|almost\s+|about\s+|over\s+|more\s+than\s+|at\s+least\s+)?(?:a|one)\s+dozen|a\s+(?:string|handful|number|series)\s+of|several|"
     r"dozens\s+of|(?:at\s+least\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|some|more)\s+(?:[\w-]+\s+){0,3}?"
     r"(?:villages|settlements|towns|positions))|"
     r"clash(?:ed|es)?|fighting\s+(?:near|in|around|for)|br(?:oke|oken|eaking|eak)\s+(?:through|into)|breakthroughs?|"
     r"footholds?|bridgeheads?|salients?|"
     r"(?:held|holds?|holding)\s+(?:the\s+)?(?:border\s+)?(?:villages?|towns?|settlements?)\s+of|battles?\s+(?:for|near|around)|"
     r"mechani[sz]ed\s+(?:attack|column)|infantry\s+attacks?|ground\s+attacks?|(?<!drone\s)(?<!air\s)(?<!missile\s)raid(?:ed|s)?\s+(?:on|into|across)|"
     r"attack(?:ed|s|ing)?|(?:were|was|been|being|are|is)\s+(?:captured|seized|"
     # ("the injured were taken to hospital", "taken into custody": people moved, not a place taken)
     r"taken(?!\s+(?:to|into|away|off|out|care|ill|aback|hostage|by\s+ambulance)\b)|occupied|liberated|recaptured|retaken)|"
     r"under\s+(?:Russian|Ukrainian|enemy)\s+control|"
     r"(?:captur(?:ed|e|ing)|seiz(?:ed|e|ing)|took|occupied|liberat(?:ed|e|ing))\s+the\s+(?:villages?|settlements?)(?:\s+of)?)\b",
         stems=(("clas", "clash"), ("unde", " control"), ("occu", "occupied"))),
]
# more ground fighting (_GROUND_MORE), a record of its own with its own gate, so that the common trigger words
# ("attacked", "advanced") do not run these patterns too: its matches join the ground_assault rule's
GROUND_MORE = Rule("ground_assault", "assault", r"\b(?:" + _GROUND_MORE + r")\b",
                   stems=(("occu", "occupied"), ("cont", "controlled by"), ("forc", "forced"), ("made", "gains"),
                          ("make", "gains"), ("maki", "gains"), ("terr", "territorial gains"), ("posi", "positional"),
                          ("stre", "street"), ("clos", "close-quarter"), ("inte", "intense"), ("heav", "heavy"),
                          ("ente", "entered"), ("esta", "establish"), ("assu", "assum"),
                          ("comb", "combat"), ("host", "hostilit"), ("unde", "under the control"), ("held", "held by")))
GROUND_REGION = Rule("ground_assault", "assault", r"\b(?:" + _GROUND_REGION + r")\b",
                     stems=(("comb", "combat eng"), ("crea", "buffer"), ("carv", "buffer"), ("esta", "buffer"),
                            ("expa", "buffer"), ("wide", "buffer"), ("set", "buffer"), ("sett", "buffer"),
                            ("lost", "control"), ("losi", "control"), ("lose", "control"), ("fire", "firefight"),
                            ("took", " part "), ("take", " part "), ("taki", " part "), ("sent", " into "),
                            ("send", " into "), ("thre", " into "), ("thro", " into ")))
# a summary's counts and fire (session 7): "artillery (12 explosions)", "fired mortars at", "dropped three mines";
# strikes, a record of its own behind its own gate (everyday number words open it only with "explosion")
STRIKE_COUNTED = Rule("strike", "shelling",
    r"\b(?:(?:[\d,]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+explosions?|"
    # "the district has come under fire", "the highway coming under fire" (the strike rule reads "came under")
    r"c(?:ome|omes|oming)\s+under\s+(?:\w+\s+)?(?:attack|fire|shelling)|"
    r"(?:fired|firing|opened\s+fire)\s+(?:\w+\s+){0,3}?(?:on|at|mortars?|artillery|rockets?|shells|mines|missiles|MLRS|"
    r"grenades?)|dropped\s+(?:\w+\s+){0,3}?(?:mines|grenades?|explosives?|munitions|explosive\s+devices?)|"
    r"(?:mines|grenades|explosives|munitions)\s+(?:were\s+|was\s+)?dropped|"
    # an attack met by air defence is an attack on the place: "shot down seven Shahed drones over the Sumy region"
    # (a country's tally "over eight regions", "five other regions" places nothing here, unless it goes on to
    # name Kursk or Sumy: "over several regions, including three over the Kursk region", "over the Belgorod, Kursk
    # and Bryansk regions")
    r"(?:shot\s+down|downed|intercepted)\s+(?!(?:[\w,'’-]+\s+){0,3}?(?:reconnaissance|recon|surveillance|spy)\b)"
    r"(?:[\w,'’-]+\s+){0,4}?(?:drones?|UAVs?|missiles?|Shaheds?|rockets?)"
    r"(?!(?:(?!Kursk|Sumy)[^.;]){0,100}\bregions\b(?![^.;]{0,160}\b(?:Kursk|Sumy)))|"
    # the same told in the passive: "one more missile was reported downed over the region", "drones were shot down
    # over the Kursk region"
    r"(?:drones?|UAVs?|missiles?|Shaheds?|rockets?)\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+"
    r"(?:reportedly\s+|also\s+|reported\s+|later\s+)*(?:shot\s+down|downed)\s+(?:over|above|in|near)\b"
    r"(?!(?:(?!Kursk|Sumy)[^.;]){0,100}\bregions\b(?![^.;]{0,160}\b(?:Kursk|Sumy))))\b",
    stems=tuple((k, "explosion") for k in ("one", "two", "thre", "four", "five", "six", "seve", "eigh", "nine", "ten",
                                           "elev", "twel"))
    + (("come", "under"), ("comi", "under"), ("fire", "fired"), ("firi", "firing"), ("open", "opened fire"), ("gren", "dropped"), ("mine", "dropped"),
       ("muni", "dropped"), ("expl", "explosion"), ("shot", "shot down"), ("down", "downed"), ("inte", "intercept"))
    + tuple((k, "down") for k in ("uav", "uavs", "miss", "shah", "rock", "also", "late", "repo")))
DEPLOYMENT_MOVED = Rule("deployment", "troop_arrival", r"\b(?:" + _DEPLOYMENT_MOVED + r")\b",
                        stems=(("thro", "throw"), ("thre", "threw"), ("figh", "alongside"), ("foug", "alongside"),
                               ("serv", "alongside"), ("oper", "alongside"), ("shif", "shift"), ("rota", "rotat"),
                               ("brin", "bringing"), ("brou", "brought"), ("move", "moved"), ("movi", "moving"),
                               ("tran", "transfer"), ("dive", "divert"), ("rush", "rush"), ("hast", "hastily"),
                               ("urge", "urgently"), ("quic", "quickly")))
# a force still there (session 8): "North Korean troops are still in the Kursk region", "forces remain in the
# Kursk region": a presence, gated on "still", "already" and "remain" (the force word is find_triggers' FORCE_NEAR)
DEPLOYMENT_STILL = Rule("deployment", "presence",
    r"\b(?:still|already|remain(?:ed|s|ing)?)\s+(?:stationed\s+|deployed\s+|based\s+)?(?:in|inside)\s+"
    r"(?:the\s+|that\s+)?(?:Kursk|Sumy)\b",
    stems=(("rema", "remain"),), common=STOP_EN - {"rema"})
# an evacuation of people ordered or carried out (other/other): the order, or people named as moved out
EVACUATION = Rule("other", "other",
    r"\b(?:(?:mandatory|compulsory|forced)\s+evacuations?|evacuations?\s+(?:of|from)\s+"
    # (the dead and the wounded carried off a battlefield are no evacuation of a place)
    r"(?!(?:the\s+|their\s+|its\s+)?(?:bod(?:y|ies)|dead|wounded|injured|casualties|remains)\b)|"
    r"(?:ordered|announced|declared|expanded|extended)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?evacuations?|"
    r"(?:order|orders|ordered|decision|decided|decree|urged|urging|called\s+on)\s+(?:[\w,-]+\s+){0,12}?to\s+evacuate|"
    r"evacuations?\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been|is|are|is\s+being)\s+)?(?:announced|ordered|declared|"
    r"expanded|extended|under\s*way|began|begun|started|continu(?:es|ed|ing))|"
    r"evacuat(?:e|ed|ing)\s+(?:the\s+)?residents\s+of\s+(?:[\w,-]+\s+){0,5}?(?:villages?|settlements?|towns?|"
    r"communit(?:y|ies)|hromadas?|districts?|raions?|border\s+areas?)|"
    r"(?:evacuated|evacuating|(?:were|have\s+been|had\s+been|are\s+being)\s+evacuated)\s+(?:[\w,-]+\s+){0,5}?from\s+"
    r"(?:the\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:villages?|settlements?|towns?|districts?|raions?|regions?|oblast|areas?|"
    r"hromadas?|communit(?:y|ies)|border|frontline|front-line)|"
    # the order's reach: "the evacuation order applies to A and B communities", "mandatory evacuation now covers"
    r"evacuations?\s+(?:orders?\s+|regime\s+|measures\s+|decision\s+)?(?:now\s+|also\s+)?(?:applies|apply|applied|"
    r"covers|covered|cover|extends|extended\s+to|includes|included|affects|affected)\b|"
    # counts of people moved out: "200,000 people were being evacuated", "16,000 residents
    # were subject to evacuation", "used armoured vehicles to evacuate residents from X", "pushing 150,000 to evacuate"
    r"(?:people|residents|civilians|children|inhabitants|persons)\s+(?:of\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?"
    r"(?:(?:were|was|are|is|have|has|had)\s+)?"
    r"(?:been\s+|being\s+|now\s+|already\s+)*(?:evacuated|subject\s+to\s+(?:mandatory\s+|compulsory\s+)?evacuation)|"
    r"evacuat(?:e|ed|ing)\s+(?:the\s+|all\s+|local\s+|remaining\s+)*(?:residents|civilians|people|children|families|"
    r"population)\s+(?:of|from)\b|"
    r"(?:forc|push|prompt|caus)(?:ed|ing|es)\s+(?:[\w,'’-]+\s+){1,7}?to\s+evacuate|"
    # people moved out as the emergency services count them: "3,000 residents were resettled", "people were
    # relocated from the frontier districts", "900 people left the border area (or were evacuated)"; troops relocated are a
    # deployment and people left without power no evacuation (a border, frontline or dangerous area, or their homes)
    r"(?:people|residents|civilians|inhabitants|persons|individuals|families)\s+(?:(?:have|has|had|were|was|are|is)\s+)?"
    r"(?:been\s+|being\s+|now\s+|already\s+)*(?:temporarily\s+)?(?:relocated|resettled)\b|"
    r"(?:people|residents|civilians|inhabitants|persons|individuals|families)\s+(?:(?:have|has|had)\s+)?(?:already\s+)?"
    r"(?:left|fled)\s+(?:or\s+(?:were\s+|been\s+)?evacuated\s+from\s+)?(?:the\s+|their\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:border|borderline|frontline|front-line|dangerous|homes\b|areas\b|districts\b|zones?\b|villages\b|settlements\b|communities\b))")


def may_evacuate(low: str) -> bool:
    """Whether the lower-cased sentence holds the words every EVACUATION match needs ("evacua", "relocat",
    "resettl", or "left"/"fled" with a word for people): the others skip its search."""
    return "evacua" in low or "relocat" in low or "resettl" in low or (
        ("left " in low or "fled " in low) and ("people" in low or "resident" in low or "civilian" in low
                                                or "inhabitant" in low or "person" in low or "individual" in low
                                                or "famil" in low))
# a rescue from a building ("rescuers evacuated 12 residents") is no evacuation of a place: not matched
# restrictions on civilians ordered for a place (other/other): a curfew, limits on entry or movement, a state of
# emergency or a counter-terrorist operation regime, each imposed, introduced, extended or in force
_RESTRICTED = (r"(?:curfews?|restrictions|ban|state\s+of\s+emergency|emergency\s+regime|"
               r"counter-?terror(?:ist|ism)\s+operations?(?:\s+regime)?|martial\s+law)")
RESTRICTION = Rule("other", "other",
    r"\b(?:(?:impos(?:ed|es|ing)|introduc(?:ed|es|ing)|declar(?:ed|es|ing)|extend(?:ed|s|ing)|tighten(?:ed|s|ing)|"
    r"set\s+up|enforc(?:ed|es|ing))\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?" + _RESTRICTED + r"|"
    + _RESTRICTED + r"\s+(?:[\w,-]+\s+){0,8}?(?:(?:was|were|has\s+been|have\s+been|had\s+been|is|are|is\s+being|are\s+being|"
    r"will\s+be|remains?|stays?)\s+)(?:now\s+|also\s+)?(?:imposed|introduced|declared|extended|tightened|in\s+(?:force|effect|place))|"
    r"(?:restrict(?:ed|s|ing)|ban(?:ned|s|ning)|prohibit(?:ed|s|ing)|clos(?:ed|es|ing)|bar(?:red|s|ring)|limit(?:ed|s|ing))\s+"
    r"(?:the\s+|free\s+|all\s+)*(?:entry|access|travel|movement)|"
    r"(?:entry|access|travel|movement)\s+(?:(?:of|for)\s+(?:[\w-]+\s+){1,4})?(?:(?:to|into|in)\s+(?:[\w,'’-]+\s+){0,10}?)?"
    r"(?:was|were|has\s+been|have\s+been|is|are|will\s+be)\s+(?:now\s+|also\s+|temporarily\s+)?"
    r"(?:banned|restricted|closed|prohibited|barred|limited)|"
    # "declared the situation in the region a federal-level emergency", "declares a regional emergency"
    r"declar(?:ed|es|ing)\s+(?:the\s+situation\s+(?:[\w'’-]+\s+){0,6}?)?(?:an?\s+)?[\"“]?(?:federal|regional|municipal|local)"
    r"(?:[\s-]+level)?[\"”]?\s+emergency)",
    stems=(("impo", "impos"),))
# a regime over a region (a state of emergency, a counter-terrorist operation, martial law) is news only where the
# report leads with it; further down it is background ("an emergency regime has held there since August"): the
# pipeline drops it past the lede
REGIME_WORDS = ("emergenc", "terror", "martial law")


# the gate keys of RESTRICTION's words that say little alone ("rest" of, "coun"try, "clos"e) need their longer stem
_RESTRICTION_SURE = frozenset({"curf", "mart", "proh", "barr", "bars", "limi", "emer", "ban", "bann", "bans"})


def may_restrict(keys: set[str] | frozenset[str], low: str) -> bool:
    """Whether a sentence (its gate keys, its lower-cased text) can hold a RESTRICTION match: every match
    holds one of these words."""
    return (not keys.isdisjoint(_RESTRICTION_SURE) or ("rest" in keys and "restrict" in low)
            or ("coun" in keys and "terror" in low) or ("clos" in keys and ("closed" in low or "closing" in low
                                                                            or "closes" in low)))
# "recaptured Sverdlikovo": a capitalised name after the verb (case matters, so a pattern of its own)
GROUND_NAMED = re.compile(r"\b(?i:took|taken|captur(?:ed|e|ing)|seiz(?:ed|e|ing)|recaptur(?:ed|e|ing)|retook|"
                          r"retak(?:e|en|ing)|liberat(?:ed|e|ing)|freed|entered|win\s+back|won\s+back|regain(?:ed)?|"
                          + _TAKEN_BACK + r")\s+"
                          r"(?:(?i:the)\s+)?[A-Z][\w'’-]+")
GROUND_NAMED_GATE = first_word_keys(GROUND_NAMED.pattern, STOP_EN)


TRIGGER_RES = [(r.label, r.sub, r.regex) for r in TRIGGERS]
TRIGGER_LOWER = [(r.label, r.sub, r.lower) for r in TRIGGERS]
TRIGGER_ASCII = [(r.label, r.sub, r.ascii) for r in TRIGGERS]  # for lower-cased ASCII text
# Every match of a trigger pattern contains a word beginning with one of these (first four letters);
# a sentence with none of them skips that pattern. Generated from the patterns: speed only.
TRIGGER_GATE: dict[str, frozenset[str]] = {r.label: r.gate for r in TRIGGERS}
# a sentence with none of these reports no event
# records of their own whose matches join those of the trigger rule of their type (its place in TRIGGERS)
MORE_RECORDS = tuple((r, [t.label for t in TRIGGERS].index(r.label)) for r in (GROUND_REGION, DEPLOYMENT_MOVED, DEPLOYMENT_STILL, STRIKE_COUNTED))
MORE_GATE_ANY = frozenset().union(*(r.gate for r, _ in MORE_RECORDS))  # a sentence with none of these skips them all
TRIGGER_GATE_ANY = frozenset().union(*TRIGGER_GATE.values(), GROUND_MORE.gate, MORE_GATE_ANY)
assert GROUND_NAMED_GATE <= TRIGGER_GATE_ANY  # named captures ("took Sudzha") included
GATE_WORDS = re.compile(r"[a-z0-9]+")
# each run of [a-z0-9] whole, its first four characters as the group: findall gives the gate keys directly
_GATE_PREFIX = re.compile(r"([a-z0-9]{1,4})[a-z0-9]*")
TRIGGER_GATE_STEM: dict[str, dict[str, str]] = {r.label: dict(r.stems) for r in TRIGGERS if r.stems}
_TRIGGER_BY_TYPE = {r.label: r for r in TRIGGERS}


def gate_open(event_type: str, keys: set[str], low: str) -> bool:
    """Whether a sentence (word prefixes ``keys``, lower-cased text ``low``) can hold a trigger of this type."""
    return _TRIGGER_BY_TYPE[event_type].gate_open(keys, low)

# a drone context word: reconnaissance words count only with drones nearby
DRONE_CONTEXT = re.compile(_DRONE + r"|\b(?:flights?|sorties|aerial|overflights?)\b", I)

SUB_TYPE_WORDS: dict[str, list[tuple[str, re.Pattern]]] = {
    "deployment": [
        ("withdrawal", re.compile(r"\b(?:pull(?:ed|ing)?\s+(?:[\w'’-]+\s+){0,3}?(?:back|out)|withdr(?:ew|awn|awal|awing))\b", I)),
        ("reinforcement", re.compile(r"\b(?:reinforc\w*|strengthen\w*|bolster\w*|shore\s+up)\b", I)),
        ("redeployment", re.compile(r"\b(?:redeploy\w*|transferr?\w*|moved|moving|shift(?:ed|ing)|relocat\w*|redirect\w*|"
                                    r"divert(?:ed|ing)|rush(?:ed|ing)|pull(?:ed|ing)\s+in|"
                                    r"rotat(?:ed|ing)|regroup\w*|threw|thrown|throwing)\b", I)),
        ("presence", re.compile(r"\b(?:stationed|garrisoned|based|alongside|present|operating|positioned|dig(?:ging|s)?\s+in|dug\s+in|fortif\w*|defensive\s+lines?|trenches|"
                                r"(?:took|taken|taking|take)\s+up\s+positions|(?:still|already)\s+(?:stationed\s+|deployed\s+)?in|"
                                r"remain(?:ed|s|ing)?\s+(?:stationed\s+|deployed\s+)?in|(?:troops|soldiers|servicemen)\s+"
                                r"(?:are\s+|were\s+|now\s+)?(?:in|inside|on\s+the))\b", I)),
    ],
    "drone_reconnaissance": [
        ("fire_adjustment", re.compile(r"\b(?:correct\w*|adjust\w*)\s+(?:the\s+)?(?:\w+\s+)?(?:fire|shelling)", I)),
        ("target_acquisition", re.compile(r"\b(?:targets?|coordinates|guid\w*|strikes?|then\s+(?:hit|strike))\b", I)),
    ],
    "strike": [
        ("mlrs", re.compile(r"\b(?:MLRS|multiple[\s-]launch\s+rocket|Grads?|Uragans?|Tornado-S|HIMARS|rocket\s+launchers?)\b", I)),
        ("glide_bomb", re.compile(r"\b(?:glide\s+bombs?|guided\s+(?:aerial\s+)?bombs?|KABs?)\b", I)),
        ("missile", re.compile(r"\b(?:missiles?|Iskanders?|ballistic)\b", I)),
        ("air_strike", re.compile(r"\b(?:air\s*strikes?|airstrikes?|warplanes?|jets?|Su-\d+|aircraft|aerial\s+bombs?|bomb(?:ed|ing))\b", I)),
        ("drone_strike", re.compile(r"\b(?:FPV|first-person[\s-]view|kamikaze|Shaheds?|Gerans?|Lancets?|loitering|drone\s+(?:attacks?|strikes?)|attack\s+drones?|strike\s+drones?)\b", I)),
        ("artillery", re.compile(r"\b(?:artillery|howitzers?|mortars?|guns)\b", I)),
    ],
    "ground_assault": [
        ("incursion", re.compile(r"\b(?:incursions?|cross(?:ed|ing)?\s+(?:the\s+)?border|raid\w*)\b", I)),
        ("counteroffensive", re.compile(r"\b(?:counter-?offensives?|counter-?attack\w*|recaptur\w*|retook|retak\w*|win\s+back|won\s+back|regain\w*|liberat\w*|freed|" + _TAKEN_BACK + r")\b", I)),
        ("offensive", re.compile(r"\b(?:offensives?|push|br(?:oke|oken|eaking|eak)\s+through|breakthroughs?|footholds?|"
                                 r"bridgeheads?|salients?|(?:held|holds?|holding)\s+(?:the\s+)?(?:border\s+)?(?:villages?|towns?|settlements?))\b", I)),
        ("armed_clash", re.compile(r"\b(?:clash\w*|fighting|battles?|combat|hostilities|encircl\w*|surrounded)\b", I)),
    ],
}

# --- one village told before its name ------------------------------------------------
# "took control of a village in the Sumy region", "recaptured another settlement": one place, not yet named
# (a count of villages, "the village of X" or "a village called X" is not this)
ONE_VILLAGE = re.compile(r"\b(?:a|another|one\s+more|a\s+further|a\s+new)\s+(?:(?:small|tiny|border|frontline|front-line|"
                         r"key|strategic|strategically\s+important)\s+)?(?:village|settlement|locality|hamlet)\b"
                         r"(?!\s+(?:of|called|named|known)\b)(?!\s*(?:,|-|\u2013|\u2014)\s*[A-Z])", I)

# --- fire that supports a fight ---------------------------------------------------
# "units, backed by aviation and artillery fire, beat off attacks toward A and B", "aided by fighter aircraft
# and artillery", "with the support of army aviation": the fire that helped a ground fight, no strike of its own
_SUPPORT_ARM = r"(?:aviation|aircraft|warplanes|jets|artillery|air\s+power|air\s+support|drones?|UAVs|tanks|armou?r)"
SUPPORT_FIRE = re.compile(r"\b(?:(?:backed|supported|aided|assisted|covered)\s+by|with\s+the\s+(?:support|backing|help)\s+of)\s+"
                          r"(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}?" + _SUPPORT_ARM +
                          r"(?:,?\s+(?:and|or)\s+(?:[\w-]+\s+){0,2}?" + _SUPPORT_ARM + r")?(?:\s+fire)?\b", I)
# every match holds a word beginning with one of these, or "with the support/backing/help of" (SUPPORT_OF)
SUPPORT_KEYS = first_word_keys(SUPPORT_FIRE.pattern) - {"with"}
SUPPORT_OF = (" support of", " backing of", " help of")
# a weapon counted among a force's losses ("lost ... three HIMARS launchers, 24 multiple rocket launchers"): the
# equipment lost, no strike (the words of the strike rule that name a weapon and no act)
WEAPON_NOUN = re.compile(r"(?:rockets?|missiles?|MLRS|multiple[\s-]launch\s+rocket|Grads?|Uragans?|Tornado-S|HIMARS|"
                         r"Shaheds?|Gerans?|Lancets?|KABs?|glide\s+bombs?|guided\s+(?:aerial\s+)?bombs?|aerial\s+bombs?)", I)

# arms handed over, not fired: "Pyongyang has also supplied howitzers and rocket launchers", "delivered some 20
# launchers to Moscow", "thousands of containers of shells and missiles"; a weapon noun after these (and no verb of
# firing between) is no strike ("U.S.-supplied rockets", an adjective, names the rockets fired)
# (gate stem, its words): each word holds its stem, so a sentence with none of the stems is searched no further
_ARMS_HANDED = (("suppl", r"suppl(?:ied|ies|y|ying)"), ("deliver", r"deliver(?:ed|s|ing)?|deliveries\s+of"),
                ("ship", r"shipp(?:ed|ing)|shipments\s+of"), ("provid", r"provid(?:ed|es|ing)"),
                ("transfer", r"transferr(?:ed|ing)"), ("container", r"containers\s+of"))
ARMS_SUPPLIED_GATE = tuple(stem for stem, _ in _ARMS_HANDED)
ARMS_SUPPLIED = re.compile(r"(?<![-‐])\b(?:" + "|".join(words for _, words in _ARMS_HANDED) + r")\b"
                           r"(?![^.;]*\b(?:fir(?:ed|ing)|launch(?:ed|ing)|struck|hit|attack(?:ed|ing)?|used)\b)[^.;]*$", I)

# a count just before such a weapon ("three US-made HIMARS", "24 multiple rocket launchers")
COUNTED_BEFORE = re.compile(r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens\s+of)"
                            r"\s+(?:[\w.-]+\s+){0,3}$", I)

# --- losses of a force ------------------------------------------------------------
# "several hundred casualties", "over a thousand were killed or wounded": a force's counted losses are an event
# (other/casualties) when the sentence names a force and reports no strike (a strike keeps its dead)
CASUALTIES = re.compile(r"\b(?:(?:several\s+hundred|hundreds\s+of|thousands\s+of|dozens\s+of|[\d,]+)\s+"
                        r"(?:[\w-]+\s+){0,3}?(?:casualties|losses)|killed\s+(?:or|and)\s+wounded|dead\s+(?:or|and)\s+wounded|"
                        r"killed\s+in\s+action|(?:were|have\s+been|had\s+been)\s+killed|lost\s+(?:about\s+|some\s+|over\s+|"
                        r"more\s+than\s+|up\s+to\s+|at\s+least\s+)?(?:[\d,]+|hundreds|thousands|dozens)\s+(?:of\s+)?"
                        r"(?:(?:military|enemy|their|its)\s+)?(?:troops|soldiers|servicemen|servicepeople|service\s+members|fighters|personnel)|"
                        # counted losses: "losses in the Kursk direction amounted to 250 servicemen", "eliminated up to
                        # 200 Ukrainian servicemen" (a defence ministry's daily count); a force's losses told by their
                        # size ("suffered heavy losses", "inflicted significant losses on three battalions"): the losses
                        # are an event of their own beside the fight
                        r"(?:suffer(?:ed|ing|s)?|sustain(?:ed|ing|s)?|incurr?(?:ed|ing|s)?|inflict(?:ed|ing|s)?|took|taken)\s+"
                        r"(?:[\"“']\s*)?(?:very\s+)?(?:heavy|significant|major|serious|considerable|huge|massive|"
                        r"substantial|severe|great|catastrophic|critical)\s+(?:personnel\s+)?(?:losses|casualties)|"
                        r"losses\s+(?:[\w'’-]+\s+){0,6}?(?:amounted\s+to|totall?ed|reached|exceeded)\s+"
                        r"(?:up\s+to\s+|about\s+|over\s+|more\s+than\s+|some\s+|nearly\s+)?[\d,]+|"
                        r"(?:eliminat(?:ed|ing)|neutrali[sz](?:ed|ing)|wip(?:ed|ing)\s+out)\s+(?:up\s+to\s+|about\s+|over\s+|"
                        r"more\s+than\s+|some\s+|at\s+least\s+|nearly\s+)?[\d,]+\s+(?:(?:Ukrainian|Russian|North\s+Korean|"
                        r"enemy)\s+)*(?:servicemen|servicepeople|service\s+members|soldiers|troops|fighters|militants|personnel)|"
                        # "had killed three North Korean soldiers": a force's dead told by the side that killed them
                        # (a strike's dead stay its fatalities: see events._force_losses)
                        r"(?:killed|killing)\s+" + _COUNT + r"\s+(?:(?:more|other|wounded|enemy|Ukrainian|Russian|North\s+Korean|"
                        r"Korean)\s+)*(?:servicemen|soldiers|troops|fighters|marines|paratroopers)|"
                        # prisoners taken (session 9: the annotations count them as a force's losses, not as fighting):
                        # "captured 27 Russian servicemen", "took eight prisoners", "were taken prisoner", "surrendered"
                        r"(?:captur(?:ed|es|ing)|took|taken|taking|seiz(?:ed|ing))\s+" + _COUNT + r"\s+"
                        r"(?:(?:" + _SIDE + r"|wounded)\s+)*(?:soldiers|servicemen|troops|fighters|marines|paratroopers|"
                        r"prisoners|POWs)\b(?!\s+(?:exchange|swap))|"
                        r"(?:took|taken|taking)\s+(?:them\s+|him\s+)?prisoners?\b(?!\s+(?:exchange|swap))|"

                        r"(?:surrendered|laid\s+down\s+(?:their|its|his)\s+arms))\b", I)
CASUALTIES_GATE = first_word_keys(CASUALTIES.pattern, STOP_EN)
# prisoners told in the passive, a pattern of its own looked for only when CASUALTIES found nothing and the words
# are there (the keys "capt", "take"): "four enemy servicemen were captured", "12 soldiers have been taken prisoner"
# ("three Korean troops fighting on Russia's side were captured", "one of the Koreans was captured": the
# side they fight for, and one of a force told by its nationality)
PRISONERS_TOLD = re.compile(r"(?<![\w-])(?:" + _COUNT + r"|(?:one|two|three|four|five|both)\s+of\s+(?:the|them|these|those))\s+"
                            r"(?:(?:" + _SIDE + r"|wounded|more|other)\s+)*(?:soldiers|servicemen|"
                            r"troops|fighters|marines|paratroopers|North\s+Koreans|Koreans)\s+"
                            r"(?:(?:fighting|serving)\s+(?:for|alongside|with|on\s+the\s+side\s+of)\s+(?:[\w'’-]+\s+){1,3}?)?"
                            r"(?:were|have\s+been|had\s+been|was|has\s+been)\s+"
                            r"(?:also\s+)?(?:captured|taken\s+prisoners?)\b", I)
# "have captured North Korean military personnel": soldiers of a side taken, no count told (searched only when
# PRISONERS_TOLD found nothing and a force word is there: PRISONERS_FORCE)
PRISONERS_TAKEN = re.compile(r"\b(?:captur(?:ed|ing)|took|taken)\s+(?:(?:" + _SIDE + r"|wounded)\s+)+(?:military\s+personnel|"
                             r"soldiers|servicemen|troops|fighters|marines|paratroopers)\b(?!['’]|\s+(?:positions?|"
                             r"strongholds?|trenches|dugouts?))", I)
PRISONERS_FORCE = ("soldier", "servicem", "personnel", "troops", "fighters", "marines", "paratroop")

# every CASUALTIES match holds one of these (its gate's first words include everyday ones: "took", "suffered");
# a capture counts only with a prisoner or a force word (_TAKEN_WORDS, _TAKEN_FORCE)
_LOSS_WORDS = ("loss", "casualt", "kill", "dead", "lost", "elimin", "neutrali", "wip", "prisoner", "surrender", "laid down")
_TAKEN_WORDS = ("captur", "took", "taken", "taking", "seiz")
_TAKEN_FORCE = ("soldier", "servicem", "troops", "fighters", "marines", "paratroop", "pows")


def taken(words: str) -> bool:
    """Whether a CASUALTIES match tells prisoners taken (a count of its own, never only how a fight went)."""
    low = words.lower()
    return any(w in low for w in _TAKEN_WORDS) or "prisoner" in low or "surrender" in low or "laid down" in low


def may_lose(keys: set[str] | frozenset[str], low: str) -> bool:
    """Whether a sentence (its gate keys, its lower-cased text) can hold a CASUALTIES match."""
    return not keys.isdisjoint(CASUALTIES_GATE) and (any(w in low for w in _LOSS_WORDS) or (
        any(w in low for w in _TAKEN_WORDS) and any(w in low for w in _TAKEN_FORCE)))
# the dead and wounded of a strike on a town are no force's losses
CIVILIANS = re.compile(r"\b(?:civilians?|residents?|people|children|child|wom[ae]n|men|man|passengers?|"
                       r"patients|workers?|employees?|pensioners?|teenagers?|boys?|girls?)\b", I)

# after a bare "attack" word: harm to people or buildings ("attacked Sumy overnight, killing two civilians",
# "an attack on the town damaged houses") makes it a strike on the place, not ground fighting
CIVIL_HARM_AFTER = re.compile(r"\b(?:civilians?|residents?|wom[ae]n|man|child(?:ren)?|teenagers?|pensioners?|houses?|homes?|"
                              r"buildings?|infrastructure|power\s+(?:lines?|grid|supply|plants?|stations?)|schools?|hospitals?|"
                              r"energy\s+(?:facilit(?:y|ies)|infrastructure|sites?)|substations?|"
                              r"enterprises?|shops?|(?:apartment|residential)\s+blocks?|damag(?:ing|ed|es)|people|"
                              # "attacked five communities, injuring four": a count of the hurt that no force word follows
                              r"(?:injur|wound|kill)ing\s+(?:at\s+least\s+|about\s+|up\s+to\s+)?(?:\d+|one|two|three|four|five|six|"
                              r"seven|eight|nine|ten|several)\b(?!\s+(?:[\w-]+\s+)?(?:soldiers|servicemen|troops|fighters|"
                              r"militants|personnel)))\b", I)

# before a bare "attack" word: people hurt in it ("a woman was hurt in a Ukrainian army attack", "31 people were
# injured in the army's attacks", "two died as a result of Moscow's attack") make it a strike on the
# place, as reporting of shelling tells it, not ground fighting (soldiers hurt in one are the fight's losses)
HARMED_IN_BEFORE = re.compile(r"\b(?:killed|injured|wounded|hurt|died|dead)\s+(?:[\w'’-]+\s+){0,2}?"
                              r"(?:in|during|by|as\s+a\s+result\s+of)\s+(?:an?\s+|the\s+|their\s+|its\s+)?"
                              r"(?:[\w'’.-]+\s+){0,4}?$", I)
# soldiers among the hurt: "two servicemen were wounded in an attack on their position" is the fight's losses
FORCE_LOSS_BEFORE = re.compile(r"\b(?:soldiers|servicemen|troops|fighters|militants|personnel|serviceman|soldier|"
                               r"guards?)\b[^.;]*$", I)


# --- outcome words for ground assaults ---------------------------------------
OUTCOME_STOPPED = re.compile(r"\b(?:stopp(?:ed|ing)|halt(?:ed|ing)|repel(?:led|ling|s)?|repuls(?:ed|ing)|"
                             r"beat(?:en)?\s+(?:back|off)|thwart(?:ed|ing)|foil(?:ed|ing)|fail(?:ed|ure)|stall(?:ed|ing)|push(?:ed)?\s+back|fended\s+off|blunted)\b", I)
OUTCOME_GAINED = re.compile(r"\b(?:took|taken|occupied|captur(?:ed|ing)|seiz(?:ed|ing)|recaptur(?:ed|ing)|retook|liberat(?:ed|ing)|freed|gain(?:ed|ing)|"
                            r"won\s+back|regain(?:ed|ing))\b", I)

# like TRIGGER_GATE: generated from the patterns
OUTCOME_STOPPED_GATE = first_word_keys(OUTCOME_STOPPED.pattern)
OUTCOME_GAINED_GATE = first_word_keys(OUTCOME_GAINED.pattern)

# --- actors ---------------------------------------------------------------------
ACTOR_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("North Korean forces", re.compile(
        r"\b(?:North\s+Korean?s?|DPRK|Pyongyang(?:'s|’s)?|Korean\s+People's\s+Army|KPA)\b", I)),
    ("Russian forces", re.compile(
        r"\b(?:Russian?s?|Russia(?:'s|’s)|Moscow(?:'s|’s)?|Kremlin(?:'s|’s)?)\b(?!\s+(?:defen[cs]e\s+ministry|ministry|embassy|officials?|state\s+media|president|government))", I)),
    ("Ukrainian forces", re.compile(
        r"\b(?:Ukrainians?|Ukraine(?:'s|’s)?|Kyiv(?:'s|’s)?|Kiev(?:'s|’s)?|AFU|ZSU)\b(?!\s+(?:defen[cs]e\s+ministry|ministry|officials?|president|government|intelligence|general\s+staff))", I)),
]
# like TRIGGER_GATE, generated from the patterns: every actor mention starts a word beginning with one of these
ACTOR_GATE: dict[str, frozenset[str]] = {a: first_word_keys(p.pattern) for a, p in ACTOR_PATTERNS}
# words after an actor mention that make it a thing, not a force (Ukrainian territory, Russian border, Russia's
# Kursk: the mapped oblasts' names come from geomap's oblast table)
ACTOR_NOT_FORCE = re.compile(r"\s*(?:territory|soil|border|side|oblast|region|land|villages?|towns?|cities|city|"
                             + "|".join(o.admin1.removesuffix(" Oblast") for o in oblast_table())
                             + r"|north|south|east|west|northern|"
                             r"southern|eastern|western|frontier|interior|"
                             r"civilians?|residents?|border\s+areas?|airspace|language|media|statement|"
                             r"officials?|government|authorities|intelligence|general\s+staff|president|embassy|"
                             r"(?:defen[cs]e\s+)?ministry|claims?|says|said|estimates?|"
                             r"investigat\w*|committee|law\s+enforcement|news|state\s+(?:media|TV|television|news)|TV|"
                             r"television|channels?|(?:mil)?bloggers?|sources?|agenc(?:y|ies)|lawmakers?|prosecutors?|"
                             r"courts?|emergenc(?:y|ies)|rescuers?|analysts?)\b", I)
# words right before an actor mention that make it a target
TARGET_BEFORE = re.compile(r"(?:\b(?:against|on|at|targeting|targeted|hit|hitting|struck|strike|striking|shelled|shelling|"
                           r"toward|towards|attacked|attacking|pounded|bombarded|of|over|into|near|stopped|repelled|halted|(?:look|looking|looks|search|searching|hunt|hunting)\s+for)\s+(?:the\s+)?)$", I)

# the last word of every TARGET_BEFORE match (keep in step with it): a window that does not end in
# one of these plus whitespace is settled without the regex (see events.actor_mentions)
TARGET_LAST = ("against", "on", "at", "targeting", "targeted", "hit", "hitting", "struck", "strike", "striking",
               "shelled", "shelling", "toward", "towards", "attacked", "attacking", "pounded", "bombarded", "of",
               "over", "into", "near", "stopped", "repelled", "halted", "for", "the")

# --- weapons -------------------------------------------------------------------
WEAPON_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("quadcopter", re.compile(r"\b(?:quadcopters?|Mavic)\b", I)),
    ("fpv_drone", re.compile(r"\b(?:FPV|first-person[\s-]view)\b", I)),
    ("mlrs", re.compile(r"\b(?:MLRS|multiple[\s-]launch\s+rocket|Grads?|Uragans?|Tornado-S|HIMARS|rocket\s+launchers?)\b", I)),
    ("missile", re.compile(r"\b(?:missiles?|Iskanders?)\b", I)),
    ("glide_bomb", re.compile(r"\b(?:glide\s+bombs?|guided\s+(?:aerial\s+)?bombs?|KABs?)\b", I)),
    ("artillery", re.compile(r"\b(?:artillery|howitzers?)\b", I)),
    ("mortar", re.compile(r"\b(?:mortars?)\b", I)),
    ("aircraft", re.compile(r"\b(?:warplanes?|jets|fighter\s+jets?|Su-\d+|aircraft|helicopters?)\b", I)),
    ("armour", re.compile(r"\b(?:tanks|armou?red\s+vehicles?|BMPs?|APCs?|infantry\s+fighting\s+vehicles?)\b", I)),
    ("drone", re.compile(r"\b(?:drones?|UAVs?|Shaheds?|Gerans?|Lancets?|Orlan|Zala)\b", I)),
]

WEAPON_LOWER = [(w, lower_pattern(p.pattern)) for w, p in WEAPON_PATTERNS]
WEAPON_ASCII = [(w, ascii_twin(p)) for w, p in WEAPON_LOWER]
SUB_TYPE_LOWER = {et: [(st, lower_pattern(p.pattern)) for st, p in subs] for et, subs in SUB_TYPE_WORDS.items()}
# like TRIGGER_GATE, generated from the patterns: a sentence with none of a pattern's keys skips it
SUB_TYPE_GATE: dict[str, frozenset[str]] = {st: first_word_keys(p.pattern)
                                            for subs in SUB_TYPE_WORDS.values() for st, p in subs}
WEAPON_GATE: dict[str, frozenset[str]] = {w: first_word_keys(p.pattern) for w, p in WEAPON_PATTERNS}
WEAPON_GATE_ANY = frozenset().union(*WEAPON_GATE.values())

# --- hedges, negations, denials -------------------------------------------------
NEGATION = re.compile(
    r"\b(?:did\s+not|didn't|does\s+not|doesn't|do\s+not|don't|has\s+not|hasn't|have\s+not|haven't|had\s+not|hadn't|"
    r"was\s+not|wasn't|were\s+not|weren't|is\s+not|isn't|are\s+not|aren't|never|no\s+evidence|no\s+signs?|no\s+indications?|"
    r"no\s+confirmation\s+that|there\s+(?:has|have|had)\s+been\s+no|there\s+(?:was|were|is|are)\s+no|without\s+evidence|failed\s+to\s+(?:find|confirm)|"
    r"den(?:y|ied|ies|ying|ial)|dismiss(?:ed|es|ing)|rejected|refuted|false(?:ly)?|fake|fabricat\w*|"
    r"rumou?rs?|unfounded|baseless)\b", I)
# "kept Russia from deploying 50,000 troops": what was prevented did not happen (masked before triggers)
PREVENTED = re.compile(r"\b(?:prevent(?:ed|ing|s)?|stopp(?:ed|ing)|stops?|kept|keep(?:ing|s)?|barr(?:ed|ing))\s+"
                       r"(?:[\w'’-]+\s+){1,3}?from\s+\w+ing\b(?:\s+[\w,'’-]+){0,8}", I)
# "may" is no hedge as the month: "24-25 May", "in May", "May 12" (the lower-cased twin cannot see its capital)
_MAY_VERB = (r"(?<!\d\s)(?<!\bin\s)(?<!\bof\s)(?<!\bon\s)(?<!since\s)(?<!early\s)(?<!late\s)(?<!mid-)(?<!\bmid\s)"
             r"(?<!until\s)(?<!through\s)may(?!\s+\d)")
HEDGE = re.compile(
    r"\b(?:" + _MAY_VERB + r"|might|could|would|possibly|perhaps|potentially|allegedly\s+planning|plan(?:s|ned|ning)?\s+to|"
    r"intend(?:s|ed)?\s+to|prepar(?:ing|es|ed)\s+(?:to|for)|expected\s+to|threaten(?:s|ed)?\s+to|"
    r"ready\s+to|aim(?:s|ed)?\s+to|to\s+prepare|seek(?:s|ing)?\s+to|likely(?!\s+(?:took|\w+ed)\b)|unlikely|speculat\w*|if|whether|"
    r"in\s+case|warned\s+(?:of|that)|fear(?:s|ed)?\s+(?:of|that)|expect(?:s|ed)?\s+(?:\w+\s+){0,3}to)\b", I)
# an ongoing campaign ("shelled almost daily since 2022") is not one event
CAMPAIGN = re.compile(r"\b(?:daily|every\s+(?:day|night)|repeatedly|regularly|frequent(?:ly)?|constant(?:ly)?|routinely)\b"
                      r".*\bsince\b|\bsince\b.*\b(?:daily|every\s+(?:day|night)|repeatedly|regularly|frequent(?:ly)?|constant(?:ly)?|routinely)\b", I | re.S)
# a habit, not an event: "border villages face daily attacks", "the region regularly comes under shelling",
# "residents experience multiple attacks per day"; a sentence that says so and names no day tells no strike
# (the pipeline drops its strikes); HABIT_WORDS gate the search
HABITUAL = re.compile(r"\b(?:(?:near|almost|nearly)[\s-])?daily\b|\bon\s+a\s+daily\s+basis\b|\bevery\s+(?:single\s+)?(?:day|night)\b|"
                      r"\bper\s+day\b|\b(?:constant(?:ly)?|regularly|routinely|systematically)\b", I)
HABIT_WORDS = ("daily", "every day", "every night", "every single", "per day", "constant", "regularly", "routinely",
               "systematically")
# "could not be independently verified" caveats a claim; it does not negate the event
CAVEAT = re.compile(r"\b(?:could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif\w*|confirm\w*)|"
                    r"(?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)|"
                    r"not\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)|unverified)\b", I)
# an infinitive of purpose: "sent troops to win back" does not report the winning back ("are believed to have
# been killed", "were reported to have crossed": what is said of them, no purpose)
_SAID_TO = "".join(rf"(?<!{w}\s)" for w in ("believed", "said", "reported", "thought", "estimated", "known", "understood",
                                           "feared", "claimed", "alleged", "presumed", "assumed", "confirmed"))
# (a try is told as it went: "foiled attempts to attack A", "an attempt to break through was beaten off")
PURPOSE_BEFORE = re.compile(r"(?<!tried\s)(?<!tries\s)(?<!trying\s)(?<!attempted\s)(?<!attempting\s)(?<!attempts\s)(?<!attempt\s)"
                            r"(?<!efforts\s)(?<!effort\s)" + _SAID_TO + r"\b(?:to|to\s+help\s+(?:\w+\s+)?|in\s+order\s+to)\s*$", I)
# "most of the shelling was in X", "the bulk of the attacks hit X": a share of a count told before, not an event
SHARE = re.compile(r"\W*(?:most|(?:nearly\s+|more\s+than\s+|about\s+)?half|the\s+(?:majority|bulk|largest\s+share|lion's\s+share))"
                   r"\s+of\s+(?:the\s+|these\s+|those\s+|all\s+|them\b)?(?:[\w-]+\s+){0,2}?"
                   r"(?:attacks|shelling|strikes|explosions|blasts|hits|shells|them)\b", I)
# "a possible attack", "the expected offensive": a prospect, not an event (the trigger after these words is passed over)
PROSPECT = r"(?:possible|potential|planned|future|expected|imminent|looming|anticipated|prospective)"
PROSPECT_BEFORE = re.compile(r"\b" + PROSPECT + r"\s+(?:[\w-]+\s+)?$", I)
# the place a prospect aims at ("for a possible attack on Sumy") is not where anything happened
PROSPECT_TARGET_BEFORE = re.compile(r"\b" + PROSPECT + r"\s+(?:[\w-]+\s+)?(?:attacks?|offensives?|assaults?|push|"
                                    r"advances?|strikes?|incursions?)\s+(?:on|against|toward|towards|into|in)\s+(?:the\s+)?$", I)
# "since the incursion began", "before the assault": a time reference, not a report of the event
# ("a day after drones hit X", "hours before the strike": a time apart from the story's event, itself an event)
_APART = r"(?<!day\s)(?<!days\s)(?<!hour\s)(?<!hours\s)(?<!week\s)(?<!shortly\s)(?<!just\s)(?<!soon\s)"
BACKGROUND_BEFORE = re.compile(r"\b(?:since|" + _APART + r"before|" + _APART + r"after|until|ahead\s+of)\s+(?:the\s+|its\s+|their\s+|his\s+|an?\s+|\w+(?:'s|’s)\s+)?(?:\w+\s+)?$", I)
# deployment words need a force nearby ("displaced people arriving" is not a deployment)
FORCE_NEAR = re.compile(r"\b(?:troops?|soldiers|servicemen|personnel|units?|forces|fighters|battalions?|brigades?|reserves|"
                        r"regiments?|reinforcements|contingent|crews|infantry|marines|paratroopers|conscripts|engineers|"
                        r"gunners|army|newcomers|arrivals|group|columns?)\b", I)
# a force destroyed is a fight, not a strike (issue 16): "the sabotage group tried to slip across and was destroyed",
# "intruding units are being found, pinned down and destroyed", "destroyed two enemy assault groups"; the strike
# trigger "destroyed" gives way to a ground clash when no weapon is named near (events.find_triggers)
_FORCE_GONE = (r"(?:groups?|units?|troops|forces|soldiers|servicemen|fighters|saboteurs|infantrymen|DRGs?|squads?|"
               r"detachments?)")
FORCE_DESTROYED = re.compile(
    r"\b" + _FORCE_GONE + r"(?:\s+(?!said\b|says\b|reported\b|claimed\b|stated\b)[\w,'’-]+){0,14}?\s+"
    # (the official's word quoted: "had been “destroyed”")
    r"(?:was|were|been|being|are|is)\s+(?:[\w]+,?\s+(?:and\s+)?){0,3}?[“\"‘']?destroyed\b|"
    r"\bdestroy(?:ed|ing|s)?\s+(?:[\w,'’-]+\s+){0,4}?" + _FORCE_GONE + r"\b", I)
# the workers an army sends that are no fighting force ("1,000 deminers", "military builders"): looked for only when
# a deployment word found no FORCE_NEAR (a pattern of its own: FORCE_NEAR runs for many triggers)
FORCE_NEAR_MORE = re.compile(r"\b(?:deminers|sappers|builders|construction\s+(?:workers|troops))\b", I)
CLAUSE_SPLIT = re.compile(r";|,\s*(?:but|while|whereas|although|though|where|which|and\s+(?:Russia|Moscow|Kyiv|Ukraine)\b)|\bbut\b|\bwhile\b|\bwhereas\b", I)
# "Kyiv denied the claim", "dismissed Moscow's statements"; "accused Russia of lying", "called the report false",
# "branded it disinformation", "cast doubt on the claim": the claim told before is answered
DENIAL_SENTENCE = re.compile(
    r"\b(?:den(?:y|ied|ies)|dismiss(?:ed|es)|reject(?:ed|s)|refut(?:ed|es))\b.{0,60}"
    r"\b(?:claims?|reports?|allegations?|accounts?|statements?|it|this|that)\b"
    r"|\baccus(?:ed|es)\s+(?:\w+\s+){1,3}?of\s+[“\"‘']?(?:\w+\s+)?(?:lying|lies|disinformation|propaganda|fakes?|faking)\b"
    r"|\b(?:called|calls|branded|brands|labell?ed|described)\b.{0,60}\b(?:false|fake|untrue|a\s+lie|lies|"
    r"disinformation|propaganda)\b"
    r"|\bcast(?:s|ing)?\s+doubt\s+on\b", I)
# a denial verb in any form ("Kyiv denied that X was taken", told before the claim it answers), and the
# first four letters of its words (gate_keys), which gate the search for it
DENIAL_VERB = re.compile(r"\b(?:den(?:y|ied|ies)|reject(?:ed|s)?|dismiss(?:ed|es)?|refut(?:ed|es)?)\b", I)
DENIAL_KEYS = frozenset({"deni", "deny", "refu", "reje", "dism", "lyin", "lies", "disi", "prop", "fake", "faki", "fals",
                         "untr", "doub"})

# --- attribution -----------------------------------------------------------------
# where an official posts a statement ("on Telegram", "via its official website"): the channel, no part of who spoke
CHANNELS = ("Telegram", "Facebook", "X", "Twitter", "Instagram", "website", "YouTube", "Viber")
ON_CHANNEL = (r"(?:on|in|via)\s+(?:its\s+|his\s+|her\s+|their\s+|the\s+)?(?:official\s+)?(?:" + "|".join(CHANNELS)
              + r")\b")
_SPEECH = _speech_verbs("attribution")  # the verbs of "X said" (speech.VERBS)
SPEECH_HINT = re.compile(r"\b(?:according|" + _SPEECH[3:-1] + r")\b", I)
# "X said": the speech verb (not "said to show"), and what may start the clause that names X
# (one word boundary in front: after "has " the verb starts a word anyway; a third faster than a
# boundary in the optional part and another before the verb, with the same matches)
SPEECH_VERB = re.compile(r"\b(?:(?:also|has|have|had)\s+)?" + _SPEECH + r"\b(?!\s+to\s+(?:be|have|show|number|total|"
                         r"include|contain|hold|involve|exceed|reach|make|take|give|come|play|mean|account)\b)", I)
# (the look-ahead tests the one character every match starts with first: the same matches, faster)
CLAUSE_START = re.compile(r"(?=[,;:(ab])(?:[,;:(]\s*|\b(?:and|but)\s+)", I)
ATTRIBUTION = [
    re.compile(r"\baccording\s+to\s+(?P<who>(?:the\s+)?[^,.;]{2,80}?)(?=,|\.|;|$|\s+(?:on|in|last|this)\s)", I),
    re.compile(r"(?:^|[,;]\s*|\b(?:and|but)\s+)(?P<who>(?:[A-Z][\w'’.-]*|the|its|his|her|their|a|an|of|and|for|in|[a-z]+(?:'s|’s)?)"
               r"(?:\s+(?:[A-Z][\w'’.-]*|[a-z]+(?:'s|’s)?)){0,7}?)\s+(?:also\s+|has\s+|have\s+|had\s+)?" + _SPEECH + r"\b"),
    re.compile(r",\s*" + _SPEECH + r"\s+(?P<who>(?:the\s+)?[^,.;]{2,80}?)(?=[,.;]|$)", I),
]
ATTRIBUTION_WHO_OK = re.compile(
    r"\b(?:ministry|military|intelligence|officials?|official|spokes\w+|staff|commander|president|governor|head|authority|"
    r"army|forces|command|service|statement|briefing|agency|media|blogger|bloggers|analysts?|institute|ISW|"
    r"Kyiv|Moscow|Ukraine|Russia|Pyongyang|Zelensk\w+|Putin|Kremlin|guard|police|administration|authorities|"
    r"sources?|channel|channels|report|outlet|monitors?|group|unit|brigade|battalion|residents?|witness\w*|"
    r"reporters?|journalists?|correspondent|chief|minister|SBU|HUR|GUR|Telegram|assessments?|estimates?|"
    r"spokes(?:man|woman|person)|post|posts|governor's|mayor|council|prosecutors?|ombudsman|DeepState|"
    r"TASS|RIA|Interfax|Ukrinform|Suspilne|Reuters|AFP|AP|"
    # Ukrainian bodies by their English initials: a regional, oblast or city military administration, a state
    # administration, the border guard service
    r"RMA|OMA|CMA|MVA|OVA|RSA|SBGS)\b", I)
# an official body, which a site may name as the source it relays ("centralpa.ja.org (Sumy Regional State
# Administration)"): a claimant even when the site's name holds it (claims)
OFFICIAL_BODY = re.compile(r"\b(?:administration|ministry|governor|mayor|council|police|prosecutor\w*|general\s+staff|"
                           r"command|military|service)\b", I)
WHO_NORMALISE = [
    # a quotation's closing mark or a dash before an inverted speaker ('...," the ministry said'), the end of a wire's
    # tag ("(ISW) said" read from its parenthesis, "(Agency) The ministry"): no part of the name
    (re.compile(r"^[\s\"“”„«»‘’'—–-]+"), ""),
    (re.compile(r"^([^()]+)\)$"), r"\1"),
    (re.compile(r"^[^()]*\)\s*"), ""),
    (re.compile(r"^according\s+to\s+", I), ""),
    (re.compile(r"^(?:the|a|an)\s+", I), ""),
    (re.compile(r"\bKyiv(?:'s|’s)\b", I), "Ukrainian"),
    (re.compile(r"\bUkraine(?:'s|’s)\b", I), "Ukrainian"),
    (re.compile(r"\b(?:Moscow|Russia)(?:'s|’s)\b", I), "Russian"),
    (re.compile(r"\s+also$", I), ""),
]

# lower-case twins of the patterns run on every sentence (see lower_pattern)
NEGATION_LOWER = lower_pattern(NEGATION.pattern)
HEDGE_LOWER = lower_pattern(HEDGE.pattern)
ACTOR_LOWER = [(a, lower_pattern(p.pattern)) for a, p in ACTOR_PATTERNS]
CLAUSE_SPLIT_LOWER = lower_pattern(CLAUSE_SPLIT.pattern)
SPEECH_HINT_LOWER = lower_pattern(SPEECH_HINT.pattern)
# like TRIGGER_GATE, generated from the pattern: the first four letters of SPEECH_HINT's words
SPEECH_GATE = first_word_keys(SPEECH_HINT.pattern)
# one search tells whether a sentence holds a negation or a hedge at all (most hold neither)
NEGATION_OR_HEDGE_LOWER = re.compile(NEGATION_LOWER.pattern + "|" + HEDGE_LOWER.pattern)
# like TRIGGER_GATE, generated from the patterns: every NEGATION or HEDGE match holds a word beginning with
# one of these (auxiliaries and "there", "in", "to" pass the key to the next word: "did not" is gated by "not",
# "didn't" by its "t")
NEGATION_OR_HEDGE_STOP = frozenset("did didn do does doesn don has hasn have haven had hadn was wasn were weren is isn "
                                   "are aren been ther with fail in to".split())
NEGATION_OR_HEDGE_GATE = first_word_keys(NEGATION.pattern, NEGATION_OR_HEDGE_STOP) \
    | first_word_keys(HEDGE.pattern, NEGATION_OR_HEDGE_STOP)
SPEECH_VERB_LOWER = lower_pattern(SPEECH_VERB.pattern)
DRONE_CONTEXT_LOWER = lower_pattern(DRONE_CONTEXT.pattern)


def gate_keys(low: str) -> set[str]:
    """The first four letters of every word of a lower-cased text (what the gates are checked against)."""
    # the same keys as {w[:4] for w in GATE_WORDS.findall(low)}, without slicing each word in Python
    return set(_GATE_PREFIX.findall(low))
PURPOSE_BEFORE_LOWER = lower_pattern(PURPOSE_BEFORE.pattern)
BACKGROUND_BEFORE_LOWER = lower_pattern(BACKGROUND_BEFORE.pattern)

# ASCII twins of the patterns run on (nearly) every sentence: most news text is ASCII
NEGATION_OR_HEDGE_ASCII = ascii_twin(NEGATION_OR_HEDGE_LOWER)
SPEECH_HINT_ASCII = ascii_twin(SPEECH_HINT_LOWER)
SPEECH_VERB_ASCII = ascii_twin(SPEECH_VERB_LOWER)
CLAUSE_START_ASCII = ascii_twin(CLAUSE_START)
ACTOR_ASCII = [(a, ascii_twin(p)) for a, p in ACTOR_LOWER]
OUTCOME_STOPPED_ASCII = ascii_twin(OUTCOME_STOPPED)
OUTCOME_GAINED_ASCII = ascii_twin(OUTCOME_GAINED)
ACTOR_NOT_FORCE_ASCII = ascii_twin(ACTOR_NOT_FORCE)
SUB_TYPE_ASCII = {et: [(st, ascii_twin(p)) for st, p in subs] for et, subs in SUB_TYPE_LOWER.items()}
