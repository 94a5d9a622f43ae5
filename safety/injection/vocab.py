"""Word families (vocabularies) that the rule tables share, as regex alternations and gates.

Why: many rules need the same families ("ignore" verbs, names for the model, sensitive data);
naming them once keeps the rule patterns short and makes every rule gated on a family open
for any sentence the family matches. Written against normalised text: lower case, no accents,
no hyphens inside words.
"""

from __future__ import annotations

import re

_VOCAB: dict[str, tuple[str, str]] = {}  # name -> (regex alternation, gate words)


_NAME = re.compile(r"<([A-Z][A-Z_]*)>")


def _expand(pattern: str) -> str:
    """Replace each <NAME> by the alternation of that vocabulary."""
    return _NAME.sub(lambda m: _VOCAB[str(m.group(1))][0], pattern)


def _words(name: str, spec: str, gate: str = "") -> None:
    """Register a vocabulary: regex fragments, '_' for a space, <NAME> to include another.

    Its gate words are each fragment's leading letters (or, when it embeds <NAME>, that
    vocabulary's gate words, which are rarer and just as necessary) plus `gate`, so a rule
    gated on a vocabulary is never skipped for a sentence the vocabulary matches.
    """
    parts, gates = [], gate.split()
    for token in spec.split():
        included = re.fullmatch(r"<([A-Z_]+)>", token)
        if included:
            regex, words = _VOCAB[included.group(1)]
            parts.append(regex)
            gates += words.split()
            continue
        parts.append(_expand(token).replace("_", " "))
        embedded = re.search(r"<([A-Z_]+)>", token)
        if embedded:
            gates += _VOCAB[embedded.group(1)][1].split()
            continue
        lead = re.match(r"[^\W\d_]+|\d+", token)
        if lead is None and not gate:
            raise ValueError(f"{name}: {token!r} needs explicit gate words")
        gates += [lead.group()] if lead else []
    _VOCAB[name] = ("(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")", " ".join(gates))


_words(
    "QUAL",
    "previous prior above earlier preceding foregoing original initial system safety "
    "security pii privacy output ethical moral content moderation hidden internal developer "
    "builtin policy compliance standing openai",
)
_words(
    "STRONG",
    r"instructions? guidelines directives system_prompts? system_messages? prompts? programming "
    r"guardrails? safeguards? training protocols? guidance directions instruction_set",
)
_words(
    "WEAK",
    r"rules? polic(?:y|ies) filters? filtering restrictions constraints limitations "
    r"checks? context commands",
)
_words("TARGET", "<STRONG> <WEAK>")
_words(
    "IGNORE",
    r"ignor(?:e|es|ed|ing) disregard\w* forget(?:ting)? overlook override "
    r"overriding overrule bypass circumvent skip abandon discard neglect set_aside violate "
    r"drop scrap ditch erase clear reset cancel revoke nullify void wipe throw_out "
    r"pay_no_attention_to pay_no_heed_to put_aside lay_aside stop_following stop_obeying "
    r"do_not_follow "
    r"don't_follow no_longer_follow do_not_obey don't_obey",
)
_words(
    "DISABLE",
    r"disabl\w* deactivat\w* turn_off switch_off shut_off shut_down bypass\w* "
    r"circumvent lift suspend skip ignor\w* get_around evade defeat remove",
)
_words(
    "CONTROLS",
    r"filters? filtering guardrails? restrictions safeguards? safety moderation "
    r"checks? protections? rules polic(?:y|ies) censorship redaction pseudonymi[sz]ation",
)
_words(
    "AI",
    r"ai ai_assistant assistant chatbot bot llm language_model model gpt copilot agent "
    r"chatgpt claude gemini bard llama automated_\w+",
)
_words(
    "STRONG_DIRECTIVE",
    "ignore forget disregard from_now_on secretly do_not_tell don't_tell neglect stop_\\w+ing "
    "do_not_mention don't_mention you_must reveal override bypass",
)
_words(
    "DIRECTIVE",
    r"<STRONG_DIRECTIVE> instead append add include insert send forward "
    r"when_you_respond when_you_reply when_you_answer when_you_summari[sz]e always never "
    r"reply_only respond_only output print rate rank recommend approve say state mark",
)
_words(
    "LEAK",
    r"reveal show print display output repeat recite echo dump list tell give share "
    r"reproduce provide_a_copy_of give_a_copy_of "
    r"disclose expose leak write_out write_down write_back spell_out paste copy return "
    r"provide translate summari[sz]e describe convert encode read_out quote type_out append "
    r"include export render state explain send post publish let_me_see let_me_read "
    r"let_me_have",
)
_words(
    "ADJ",
    "full complete entire exact original initial hidden secret internal actual real "
    "verbatim underlying current whole raw confidential first private startup start_up boot "
    "launch setup operating core base default preset builtin governing standing",
)
_words(
    "KIND",
    "system initial original hidden secret internal developer starting pre meta "
    "confidential private base",
    "preprompt",
)
_words(
    "PROMPT",
    r"prompt instructions? messages? rules configuration config directives? "
    r"guidelines context memory preamble setup role instruction_set ruleset rulebook guidance",
    "preprompt systemprompt",
)
_words(
    "SELF_DOC",
    r"system_prompt prompt preamble instructions directives? rules? guidelines "
    r"configuration config system_message system_role programming guardrails restrictions "
    r"constraints setup instruction_set ruleset rulebook guidance",
)
_words(
    "SENS",
    r"conversation chat_history chat_logs? chat transcripts? history context ibans? "
    r"passwords? credentials secrets? session_tokens? access_tokens? auth_tokens? tokens? "
    r"api_keys? audit_logs? audit_trail vault pii personal_data email_addresses everything "
    r"retrieved_documents hr_documents internal_documents confidential_documents "
    r"customer_data customer_records databases? salar(?:y|ies) cookies? system_prompt "
    r"phone_numbers? contact_details contact_list (?:customer|employee|staff)_list "
    r"(?:sender|customer|user|client|employee|caller)'?s?_(?:phone|address|email|details|"
    r"number|iban|salary|contact\w*) "
    r"(?:hr|personnel|payroll|patient|employee)_(?:files?|records?|data|documents?) "
    r"contents_of_(?:the_|your_|my_)?(?:\w+_)?(?:files?|vault|database|documents?|records?) "
    r"names_and_(?:\w+_)?(?:numbers|addresses|emails|salaries) names_you_\w+ "
    r"(?:real|original|true|actual)_names card_numbers? credit_card\w* account_numbers? "
    r"ssns? social_security\w* passport\w* discussion thread exchange dialog(?:ue)? "
    r"names_of_(?:all|every|the) "
    r"(?:every|all)_(?:customer|employee|staff|client|user|patient|person)'?s?_(?:names?|emails?|"
    r"email_addresses|addresses|phone_numbers?|salar(?:y|ies)|details|records|data) "
    r"(?:(?<=the_)|(?<=all_)|(?<=our_)|(?<=any_)|(?<=their_)|(?<=every_)|(?<=these_)|"
    r"(?<=those_))(?:customer|client|employee|staff|user|patient)s?'?_(?:emails?|email_addresses|"
    r"phone_numbers?|addresses|contacts?|details|info(?:rmation)?|notes) "
    r"everything_(?:we|i|you)(?:'ve|_have)?_(?:discussed|talked_about|said|written) "
    r"(?:previous|prior|user'?s?|all|every|my|last|earlier|recent)"
    r"(?:_\w+){0,2}_(?:messages?|questions?|prompts?|inputs?|replies|answers)",
    "previous prior user all every my last earlier recent customer client employee staff "
    "patient everything",
)
_words(
    "DEST",
    r"(?:https?|s?ftp|wss?|s3):// www\. \d{1,3}(?:\.\d{1,3}){3} [\w.+-]+@[\w-]+\.[\w.]+ "
    r"webhook\w* pastebin paste\. gist requestbin ngrok telegram discord dropbox google_drive "
    r"public_(?:\w+_)?(?:gist|repo\w*|bucket|paste\w*|channel|page|site|link) "
    r"my_(?:telegram|whatsapp|signal|discord|slack)\w* "
    r"google_(?:sheets?|docs?|forms?) docs\.google\.com "
    r"(?:github|gitlab|bitbucket)\.(?:com|org|io) (?:public_)?(?:repo|repository|commit) "
    r"(?:an?|some)_(?:outside|external|personal|private)_(?:\w+_)?(?:address|email|inbox|account|"
    r"server) onedrive icloud onion my_(?:personal|private|own|home|external|gmail|hotmail|outside|"
    r"other)_(?:\w+_)?(?:address|email|inbox|account|server|drive|dropbox|phone|number|cloud|"
    r"laptop|usb|gmail|hotmail|outlook|yahoo|proton\w*) "
    r"my_(?:gmail|hotmail|dropbox|icloud|google_drive|onedrive) (?:my|an?|this|"
    r"that)_(?:external_|remote_|own_)?(?:server|endpoint) (?:this|that|the_following)_(?:url|"
    r"address|link|site|endpoint)",
    "personal private own home external gmail hotmail "
    "outside other server endpoint url address link site whatsapp signal slack repo repository "
    "commit github gitlab bitbucket",
)
_words(
    "SEND",
    r"send forward upload post email mail transmit exfiltrate leak bcc cc sync mirror "
    r"push submit relay ship pipe publish beam copy share export dump write put paste save "
    r"store make_an_http make_a_post fetch call ping visit load request curl wget scp rsync "
    r"create attach embed append include render",
)
_words(
    "ROLE",
    r"you_are you're you_will_be you'll_be act(?:ing)?_(?:as|like) pretend imagine "
    r"play(?:ing)? roleplay(?:ing)? simulate emulate become behave_(?:like|as) "
    r"(?:respond|answer|speak|talk)_(?:as|like) from_now_on persona character suppose "
    r"assume hypothetically in_a_world_where let's_say what_if as_if_you_were be_an? "
    r"in_a_(?:hypothetical|fictional|imaginary|parallel)_(?:world|universe|scenario|reality) "
    r"version_of_yourself be_my be_our in_a_world "
    r"an?_(?:ai|model|assistant|chatbot|bot|system|version_of_yourself)",
    "respond answer speak talk a an",
)
_words(
    "LIMITS",
    r"rules restrictions? limits? limitations filters? filtering guidelines "
    r"boundaries ethics morals principles polic(?:y|ies) censorship censoring constraints "
    r"content_policy guardrails moderation refusals privacy_laws laws regulations "
    r"data_protection(?:_\w+)? privacy_(?:laws|rules|protections?|regulations) safeguards",
)
_words(
    "FREE",
    r"unrestricted unfiltered uncensored unlimited unbound unshackled unhinged "
    r"unaligned jailbroken amoral unethical rogue evil malicious nsfw "
    r"opposite_(?:values|of|day|mode) dark_side no_(?:ethical_|moral_|content_|safety_)?"
    r"<LIMITS> without_(?:any_|a_|the_)?(?:ethical_|moral_|content_|safety_)?<LIMITS> "
    r"free_(?:of|from)_(?:all_|any_|the_|every_)?<LIMITS> broken_free "
    r"<LIMITS>_(?:no_longer|don't|do_not|doesn't|does_not|never)_(?:exist|apply|matter) "
    r"no_(?:safety|content|privacy)_(?:settings|features|training|layer|checks) "
    r"(?:no|without_any|without)_privacy "
    r"(?:despises?|hates?|ignores?|rejects?|disregards?|scorns?)_(?:all_|any_|the_)?<LIMITS> "
    r"(?:happily|freely|gladly|willingly)_(?:shares?|reveals?|leaks?|discloses?|gives_out) "
    r"(?:loves?|enjoys?|likes?)_(?:breaking|ignoring|bending|bypassing)_"
    r"(?:all_|the_|any_)?<LIMITS> "
    r"with_(?:its|all|the|your|their)_(?:\w+_)?<LIMITS>_(?:turned_off|switched_off|off|removed|"
    r"disabled|stripped) (?:rule|filter|limit|restriction|censorship|guardrail)s?free "
    r"(?:can|could)_access_(?:any|every|all)_(?:\w+_)?(?:files?|data|records|documents|systems?) "
    r"(?:bypass|disabl|circumvent)\w*_(?:the_|its_|your_)?(?:redaction|masking|filters?|"
    r"guardrails|safety_\w+|pii_\w+) "
    r"(?:does_not|doesn't|don't|do_not|never|won't)_(?:have_to_|need_to_)?(?:abide|follow|"
    r"obey|care|comply|refuse) (?:do)_anything_now anything_goes machiavellian "
    r"zero_<LIMITS> (?:can)_(?:say|do|answer)_anything (?:says|answers)_anything "
    r"(?:nothing)_is_(?:off_limits|forbidden|prohibited|restricted|banned)",
    "abide follow obey care comply refuse anything nothing despise hate ignore reject disregard "
    "scorn happily freely gladly willingly love loves enjoy enjoys like likes with rulefree "
    "filterfree rulesfree can could bypass disable circumvent",
)
_words(
    "ML_IGNORE",
    r"ignor(?!e\b|es\b|ed\b|ing\b|e[rz]\b)\w* vergiss vergessen missacht\w* "
    r"uberspring\w* umgeh\w* deaktivier\w* oublie[rz]? ne_tiens?_(?:pas|plus)_compte_d\w* "
    r"fais_abstraction_d\w* neglige[rz]? contourne[rz]? desactive[rz]? passe_outre olvida\w* "
    r"omite omita saltate desactiva\w* haz_caso_omiso_(?:a|de) no_hagas_caso_(?:a|de) "
    r"desobedece\w* elude dimentica\w* trascura\w* disattiva\w* non_tenere_conto_d\w* "
    r"esquec\w* desconsider\w* desativ\w* burle negeer\w* vergeet omzeil\w* zignoruj ignoruj "
    r"zapomnij_o pomin игнорируи проигнорируи [иі]гноруи забудь не_обращаи_внимания_на glom "
    r"glem abaikan lupakan bo_qua αγνοησε ξεχασε no_sigas no_obedezcas no_respetes no_cumplas "
    r"deja_de_seguir ne_suis_pas n'obeis_pas arrete_de_suivre ne_respecte_pas non_seguire "
    r"smetti_di_seguire non_rispettare nao_siga pare_de_seguir nao_obedeca volg_niet "
    r"не_соблюдаи не_следуи не_выполняи не_слушаи",
    "игнорируи ігноруи",
)
_words(
    "ML_RULES",
    r"\w*anweisungen instruktionen \w*regeln \w*richtlinien? \w*vorgaben befehle "
    r"\w*filter\w* systemprompt einschrankungen schutzmassnahmen \w*vorschriften instructions "
    r"consignes regles directives restrictions filtres? politiques? gardefous prompt_systeme "
    r"instrucciones reglas normas directrices politicas restricciones filtros? indicaciones "
    r"pautas prompt_del_sistema istruzioni regole direttive politiche restrizioni filtri "
    r"linee_guida instrucoes regras diretrizes restricoes orientacoes instructies "
    r"richtlijnen beperkingen (?:je|jouw|uw|alle|vorige|eerdere|bovenstaande)_(?:\w+_)?regels "
    r"systeemprompt \w*veiligheidsregels instrukcj\w* polecen\w* "
    r"zasad\w* regu[lł]\w* инструкци\w* указани\w* правил\w* [иі]нструкц\w* instru[kc]\w* "
    r"anvisningar regler pokyny talimatlar\w* petunjuk aturan huong_dan οδηγιες κανονες "
    r"tout_ce_qui_precede todo_lo_anterior alles_(?:oben|zuvor|vorher|bisherige) "
    r"tutto_(?:cio|quello)_che_precede tudo_(?:acima|o_que_foi_dito) alles_hierboven",
    "anweisungen sicherheitsregeln richtlinien sicherheitsrichtlinien veiligheidsregels інструкції "
    "sicherheitsvorgaben sicherheitsfilter datenschutzregeln datenschutzvorgaben vorgaben "
    "vorschriften systemanweisungen regels",
)
_words(
    "ML_FREE",
    r"sin_(?:ningun\w*_)?(?:filtros?|restriccion\w*|reglas?|limites?|censura) "
    r"sans_(?:aucune?_|plus_de_)?(?:filtres?|restrictions?|regles?|limites?|censure) "
    r"ohne_(?:jegliche\w*_|irgendwelche_)?(?:filter|einschrankung\w*|regeln|grenzen|zensur) "
    r"senza_(?:alcun\w*_)?(?:filtri|restrizion\w*|regole|limiti|censura) "
    r"sem_(?:nenhum\w*_)?(?:filtros?|restric\w*|regras?|limites?|censura) "
    r"zonder_(?:enige_)?(?:filters|beperkingen|regels|grenzen|censuur) "
    r"entwicklermodus modo_(?:desarrollador|sviluppatore|desenvolvedor) mode_developpeur "
    r"ontwikkelaarsmodus \bdan\b",
    "dan",
)
