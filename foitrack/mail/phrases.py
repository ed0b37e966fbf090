"""What authorities write, by kind of message: the phrases that say a reply is an acknowledgement,
a request for clarification, a fees notice, an extension, a response (and its outcome), a review
result, the commissioner writing, or a machine answering. Data only: `meaning` decides which
apply, and `sentences` which sentences they are looked for in.
"""

from __future__ import annotations

ACKNOWLEDGED = [
    r"acknowledge (?:receipt|your (?:request|email|freedom of information))",
    r"(?:we|i) (?:have |can confirm (?:that )?(?:we have )?)?received your (?:request|email|freedom of information|foi|information request)",
    r"your (?:[\w-]+ ){0,4}(?:request|email|application)(?: for (?:[\w-]+ ){0,3}information)? (?:was|has been|is being) (?:received|logged|registered)",
    r"(?:we are|we will be|we shall be|we have started) (?:now )?(?:dealing with|handling|processing|considering|working on) your (?:request|email)",
    r"(?:thank you|thanks) for (?:your|the) (?:request|email)[^.]{0,80}\b(?:received|which we received)",
    r"(?:this is an )?automa(?:ted|tic) (?:response|reply|acknowledgement)",
    r"(?:has|have) been (?:logged|registered|passed to)",
    r"(?:logged|registered) (?:it |this |your (?:request|email) )?(?:as|under)\b",
    r"we (?:will|aim to|shall) (?:respond|reply|provide (?:you with )?a response)[^.]{0,60}(?:within|by|no later than)",
    r"(?:should|will) receive (?:a|our|the) (?:response|reply)[^.]{0,40}(?:within|by|no later than)",
    r"diolch am eich cais",  # Welsh: thank you for your request
]


CLARIFICATION = [
    r"(?:please|could you|can you|would you be able to|we would be grateful if you could|i would be grateful if you could)[^.?]{0,60}\b(?:clarify|specify|narrow|be more specific|confirm (?:which|what|whether|exactly))",
    r"(?:could|can|would) you (?:please )?(?:tell|let) (?:us|me) (?:know )?(?:whether|which|what|if|exactly|how)",
    r"(?:need|require|ask for|seek|request) (?:some |further |a )?clarification",
    r"clarification (?:of|on|about|regarding) (?:your|the|what)",
    r"section 1\s*\(\s*3\s*\)",
    r"regulation 9\s*\(\s*2\s*\)",
    r"(?:until|once) (?:we (?:have )?receive[d]?|we hear from you)[^.]{0,40}(?:clarification|your reply|this information)",
    r"once we (?:have )?(?:hear|heard) (?:back )?from you",
    r"before we can (?:begin|start|proceed|process|deal with|answer|respond)",
    r"(?:need|require) (?:some )?(?:further|more|additional) (?:information|details) (?:from you )?(?:to|in order to|before|so that|so we can)",
    r"(?:it would (?:help|assist) (?:us )?if you could|we would be grateful if you would)",
    r"(?:unable|not be able|not able) to (?:progress|proceed with|process|deal with|answer) (?:your|the|this) request (?:until|unless|without)",
    r"please (?:provide|give|send) (?:us )?(?:some )?(?:further|more|additional) (?:details|information) (?:of|about|on|regarding|as to)",
    r"(?:on hold|paused|stopped) until we (?:hear from you|receive)",
]


CLARIFIED = [
    r"(?:thank you|thanks) for (?:\w+ing )?(?:your |the )?(?:clarif\w+|confirm\w*|(?:further|additional) (?:information|details))",
    r"(?:received|have) your clarification",
    r"your clarification (?:reached|was received|has been received|arrived|of)",
    r"now that you have clarified",
]


FEE = [
    r"fees? notice",
    r"(?:will|would|must|need to) (?:charge|make a charge of|ask you to pay)[^.]{0,20}£\s?\d",
    r"£\s?\d[\d.,]*\s+(?:for|to cover) (?:the )?(?:photocopying|printing|postage|copying|disbursements)",
    r"(?:fee|charge|payment) of £\s?\d",
    r"total (?:fee|charge|cost|amount)",
    r"(?:pay|payment of|a cost of|charge of|charge you) £\s?\d[^.]{0,100}(?:before|prior to|in order|on receipt)",
    r"(?:on|upon|once we have|when we) receiv?e?(?:pt of)? (?:the |your )?(?:payment|fee)",
    r"section 9\b|regulation 8\b",
]


FEE_PAID = [
    r"(?:thank you for|we have received|we received|received) (?:your |the )?(?:payment|fee|cheque|remittance)\b",
    r"(?:payment|fee)(?: of £\s?[\d.,]+)? (?:has been |was )?(?:received|paid)\b",
]


EXTENDED = [
    r"\bextend(?:ed|ing)?\s+(?:the\s+)?(?:time|deadline|date|period|response|timescale)",
    r"\bextension\b(?!\s*(?:no\.?|number)?\s*\d)",
    r"(?:need|require) (?:more|further|additional|extra) time",
    r"additional time",
    r"(?:a )?further (?:\d+|twenty|ten) working days",
    r"(?:a )?further (?:two|2) months",
    r"section 10\s*\(\s*3\s*\)",
    r"regulation 7\s*\(\s*1\s*\)|regulation 7\b",
    r"article 12\s*\(\s*3\s*\)",
    r"complex and voluminous",
]


# Reasons for an extension, not extensions by themselves: "our public interest test is
# explained below" is in many responses.
PUBLIC_INTEREST = r"public interest"


# What is attached is not the information when it is a letter, a form or the request itself.
_NOT_INFORMATION = (
    r"(?!(?:\s+[\w'/-]+){0,5}?\s+(?:response|reply|letter|decision|acknowledge?ment|receipt|outcome|notice|fees?|"
    r"invoice|leaflet|guidance|(?:application|request|payment) form)\b)"
    r"(?!\s+(?:a\s+)?copy\s+of\s+(?:your|my|the)\s+(?:original\s+)?(?:request|e-?mail|letter))"
)


RELEASE = [
    # "Please find attached the information": released. "Please find attached our response": a
    # letter, which says what was released (read with the attachment).
    rf"please (?:find|see) (?:the )?(?:attached|enclosed|below){_NOT_INFORMATION}",
    rf"(?:we|i) (?:have|am|are) (?:now )?(?:attached|enclosed|provided|released|disclosing|providing|releasing|supplying){_NOT_INFORMATION}",
    r"(?:is|are) (?:attached|enclosed)",
    r"attached (?:is|are|you will find)",
    r"(?:the |our )?(?:information|answers?|responses?|reply) (?:you (?:have )?requested|requested|to your (?:request|questions?))[^.]{0,60}(?:(?:is|are) (?:attached|enclosed|below|provided)|as follows)",
    r"\b(?:can|is able to|are able to) (?:confirm (?:that )?(?:it|we|the \w+) holds?|provide|disclose)",
    r"(?:is|are) (?:in|on|listed in|set out in|given in) the (?:attached|enclosed) (?:spreadsheet|document|file|table|list)",
    r"(?:answers?|responses?|information)(?: to (?:each|every|your) (?:part|question|point)s?)? (?:is|are) (?:set out|given|provided|shown) (?:below|above|in the)",
    r"(?:is|are|has been|have been) (?:provided|released|disclosed|supplied)(?: to you)?(?: in full)?(?: (?:above|below))",
    r"\binformation (?:released|disclosed|provided)\b",
    r"holds? (?:this|the|some of the) information and (?:it |they )?(?:is|are) (?:provided|attached|below|set out|given)",
    r"\bQ\d{1,2}\s*[.:)]",
    r"(?:in )?(?:answer|response) to (?:your )?(?:question|part|point) \d",
    r"\b(?:question|part|point) \d\s*[:.)-]",
    r"our response (?:is (?:attached|below|as follows)|to your request (?:is (?:attached|below)|follows))",
    r"(?:has|have) (?:now )?provided all (?:of )?the information",
    r"(?:is|are) answered (?:below|above|in (?:the )?(?:attached|table|enclosed))",
    r"\b(?:can|is able to|are able to) confirm (?:that )?(?:the |some )?(?:of the )?information (?:you (?:have )?requested |requested )?is held",
    r"(?:pleased|happy|able) to (?:provide|enclose|attach|supply|release|share)",
    r"\b(?:i|we) (?:now )?attach\b",
    r"you will find (?:the )?(?:information |answers? )?(?:attached|enclosed|below)",
]


WITHHELD = [
    r"withh(?:e|o)ld",
    r"redact",
    r"exempt(?:ion)? (?:from disclosure|appl(?:y|ies)|has been applied|under)",
    r"(?:is|are|being|considered|consider it|to be) exempt",
    r"refus(?:e|al|ing)",
    r"(?:will|can|cannot|can ?not|is not|are not) (?:be |being )?(?:disclosed|released|provided)",
    r"decided not to (?:release|disclose|provide|publish)",
    r"not (?:able|in a position) to (?:provide|disclose|release)",
    r"(?:not obliged|under no obligation) to (?:comply|provide|disclose)",
    r"will not (?:therefore )?be (?:providing|complying|disclosing)",
]


NOT_HELD = [
    r"(?:does|do|did) not hold",
    r"(?:is|are|was|were) not held",
    r"no (?:recorded )?information (?:is |was )?held",
    r"holds? no (?:recorded )?information",
    r"not held by",
    r"(?:have|hold) no (?:records?|information) (?:of|about|relating|relevant|falling)",
    r"(?:does|do|did) not have (?:any |the )?(?:recorded )?(?:information|records?|data)\b",
    r"there (?:is|are) no (?:recorded )?(?:information|records?)\b(?! (?:to|that) (?:suggest|show))",
]


NCND = [r"neither confirms? nor den(?:y|ies)", r"\bncnd\b", r"(?:will|can)(?:not| not) confirm or deny"]


# A refusal of the request as a whole, not of one part of it.
REFUSED_WHOLE = [
    r"refus(?:e|es|ed|ing|al)",
    r"withh(?:e|o)ld(?:ing)? (?:the|all|this|it|your)",
    r"(?:is|are) (?:being |therefore )?withheld",
    r"will not be (?:disclosed|provided|released)",
    r"exempt from disclosure",
    r"in (?:full|its entirety)",
    r"not obliged to comply",
    r"decided not to (?:release|disclose|provide)",
]


# Words that say a refusal covers part of the request (so it may be a partial response) ...
PARTS = [
    r"\b(?:question|part|point|item)s? \d", r"\bq\d{1,2}\b",
    r"\b(?:some|part|parts|one|elements?) of (?:the|your) (?:information|request|questions?)",
    r"\bthe (?:remaining|rest of the)\b",
]


# ... unless it says in so many words that the whole is refused.
WHOLE = [
    r"(?:withheld|exempt(?: from disclosure)?) in (?:full|its entirety)",
    r"all (?:of )?the (?:information|documents?) (?:you (?:have )?requested |requested )?(?:is|are|has been|have been|will be) withheld",
    r"refus\w* (?:your|the|this) (?:whole )?request", r"refusal notice", r"not obliged to comply",
]


# The cost limit, exceeded (FOIA s.12 and the Fees Regulations: £450, or £600 for central
# government; FOISA s.12: £600; EIR reg 12(4)(b) where the cost is manifestly unreasonable). A
# limit only mentioned ("we can answer within the appropriate limit") is not a refusal.
COST = [
    r"exceed(?:s|ed|ing)?\s+(?:the\s+|that\s+|this\s+|our\s+)?(?:appropriate |cost |prescribed |upper |£\s?\d+ )?(?:limit|amount)",
    r"(?:appropriate|cost|prescribed) (?:limit|amount)[^.]{0,80}\b(?:exceed|more than|over|above)",
    r"(?:exceeds?|more than|over|above|beyond) (?:the |that |this |our )?(?:appropriate|cost|prescribed|upper|£\s?\d+) ?(?:cost )?(?:limit|amount)",
    r"(?:more|longer) than (?:the )?(?:18|24) hours",
    r"would cost more than",
    r"excessive cost",
]


VEXATIOUS = [r"vexatious", r"manifestly unreasonable", r"repeated request", r"section 14\s*\(\s*2\s*\)"]


IN_FULL = [r"\bin full\b", r"all (?:of )?the information (?:you (?:have )?requested|requested)", r"full disclosure"]


WITHDRAWN = [
    r"\brequest\b[^.]{0,60}\b(?:has been|have been|is now|was|is being) (?:withdrawn|closed|treated as withdrawn)",
    r"(?:we|i) (?:have )?(?:now )?(?:withdrawn|closed) (?:your|the|this) (?:request|case)",
    r"treat(?:ed|ing)? (?:your|the|this) request as (?:withdrawn|closed|lapsed)",
    r"(?:case|request) (?:has been|is now|is) closed",
    r"\bwill now be (?:treated as )?(?:withdrawn|closed)",
    r"(?:is|are|been) (?:now )?(?:considered|deemed) (?:to be |to have been )?(?:withdrawn|closed|lapsed)",
]


REVIEW = [
    r"internal review",
    r"review of (?:our|the|your|its) (?:original |initial )?(?:response|decision|handling|request)",
    r"requirement for review",
    r"(?:i|we) have (?:now )?(?:reviewed|completed (?:the|a|our|your) review|carried out (?:a|the) review)",
    r"reviewing officer",
    r"outcome of (?:the|your) review",
]


# An authority confirming that it has a review request, before any result.
REVIEW_ASKED = [
    r"acknowledge (?:receipt of )?(?:your )?(?:e-?mail|letter|request|requirement|application|complaint)[^.]{0,80}\b(?:internal review|review of|to review|requirement for review|request for (?:a |an )?review)",
    r"(?:received|have) your (?:request for (?:an? )?(?:internal )?review|review request|requirement for review)",
    r"(?:will|aim to|shall) (?:complete|carry out|conduct|undertake) (?:the |your |an |all )?(?:internal )?reviews?",
    r"(?:review|reviews) will be (?:carried out|conducted|completed|undertaken)",
]


# Review outcomes. "Uphold your complaint" means the authority got it wrong; "uphold the decision"
# that it got it right: which one depends on the object of the verb, so the patterns say it.
REVIEW_PARTLY = [
    r"(?:partially|partly|in part) upheld",
    r"upheld in part",
    r"uphold(?:ing)? your (?:complaint|appeal|request for review) in part",
    r"(?:partially|partly) uphold",
    r"(?:some|part) of the (?:withheld )?information (?:can|will|should|is to) (?:now )?be (?:released|disclosed)",
    r"(?:now )?(?:release|disclose) (?:some|part) of",
    r"(?:original |initial )?(?:decision|response) (?:is|was|has been) (?:partly|partially|in part) overturned",
    r"substitut\w* (?:a )?different decision for (?:part|some)",
]


REVIEW_OVERTURNED = [
    r"\b(?:overturn(?:ed|s|ing)?|reversed?)\b",
    r"uphold your (?:complaint|appeal|request for review)",
    r"your (?:complaint|appeal) (?:is|has been) upheld",
    r"(?:original |initial )?(?:decision|response) (?:is|was|has been) not upheld",
    r"(?:should|will) (?:now )?be (?:released|disclosed) in full",
    r"(?:was|were) not (?:correctly|properly) (?:applied|withheld)",
    r"not entitled to (?:rely|withhold)",
    r"substitut\w* (?:a )?different decision\b(?! for (?:part|some))",
    r"(?:should|will|can) now be (?:released|disclosed|provided)(?! in part)",
]


REVIEW_UPHELD = [
    r"uphold(?:s|ing)? the (?:original|initial|council'?s|force'?s|board'?s|previous|earlier) (?:decision|response|position)",
    r"(?:original|initial|previous) (?:decision|response|position) (?:is|was|has been|should be|will be) (?:upheld|correct|maintained|confirmed)",
    r"(?:original|initial|previous) (?:decision|response) (?:stands|remains)",
    r"(?:do not|cannot|does not|will not) uphold your (?:complaint|appeal|request for review)",
    r"your (?:complaint|appeal) (?:is|has been) not upheld",
    r"(?:the )?decision (?:is|was|has been) upheld",
    r"satisfied that the (?:original |initial )?(?:decision|response|exemptions?) (?:was|were|is|are) (?:correct|properly applied|correctly applied|appropriate)",
    r"(?:was|were) (?:correctly|properly|appropriately) applied",
    r"(?:i|we) agree with the (?:original|initial|council'?s|force'?s|previous) (?:decision|response|handling)",
    r"maintain(?:s|ed|ing)? the (?:original|initial|previous|council'?s|force'?s) (?:decision|response|position)",
]


# Partly: some information released now, some still withheld.
NOW_RELEASED = r"(?:is|are) now (?:being )?(?:released|disclosed|provided)|now (?:release|disclose|provide)"


STILL_WITHHELD = r"(?:remain|remains|continue to be|still) (?:withheld|exempt)"


DECISION_NOTICE = [r"decision notice", r"commissioner'?s decision", r"decision (?:no\.?|number|\d{3})"]


DECISION_OUTCOMES = [
    ("partly-upheld", [r"(?:partly|partially) upheld", r"upheld in part", r"partly uphold", r"(?:partially|partly) (?:complied|failed|breached)", r"complied in part"]),
    ("not-upheld", [r"not upheld", r"(?:was|were) entitled to (?:rely|withhold|refuse)", r"(?:complied|dealt with the request) (?:with part 1|in accordance with)", r"\bcomplied with (?:part 1|the act|foisa|its duties)", r"(?:correctly|properly) (?:applied|relied on|cited)", r"does not require (?:the |it )[^.]{0,40}to take any steps"]),
    ("upheld", [r"(?:complaint|application|case) (?:is|has been) upheld", r"(?:was|were) not entitled", r"wrong to (?:withhold|refuse|rely)", r"failed to comply", r"breached (?:section|regulation)", r"did not comply"]),
    ("resolved-informally", [r"resolved informally", r"informal resolution"]),
    ("withdrawn", [r"(?:complaint|application|case) (?:is|has been) withdrawn"]),
]


COMPLAINT_RECEIVED = [
    r"(?:received|acknowledge|thank you for) your (?:complaint|application|concern)",
    r"(?:case|complaint) (?:has been )?(?:logged|registered|allocated|assigned)",
    r"case (?:reference|number|ref)",
]


OUT_OF_OFFICE = [
    r"out of (?:the )?office", r"on (?:annual |parental |maternity |paternity |sick |study )?leave\b",
    r"away from (?:the|my) (?:office|desk)", r"(?:i am|i'm) (?:currently )?away\b", r"(?:return|back) (?:to the office )?on \w+day",
    r"limited access to (?:my )?e-?mail", r"allan o'r swyddfa",  # Welsh: out of the office
]


# Without a header saying a machine sent it, only the writer's own absence.
OUT_OF_OFFICE_PERSON = [
    r"\b(?:i am|i'm|i will be|i shall be) (?:currently )?(?:out of (?:the )?office|on (?:\w+ )?leave|away from)",
    r"out of (?:the )?office (?:until|from|and)", r"on (?:annual )?leave until", r"away from (?:the|my) (?:office|desk)",
    r"allan o'r swyddfa",
]


WDTK_NOTICE = [
    r"new response to (?:the|your) (?:freedom of information|foi|environmental information) request",
    r"(?:annotated|added a (?:note|comment|annotation) to) your",
    r"(?:is|are) (?:delayed|(?:long )?overdue)",
    r"whatdotheyknow (?:team|volunteers)",
]

