"""Every sentence the flows say, in English and Spanish, with the formatting of days,
times and money they share. Amounts are only ever filled from tool results or the price
book, so each reply is grounded by construction (the validator still checks).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from shared.booking.policy import HOLD_MINUTES

Lang = str

_DAYS_ES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
_DAYS_EN_PLURAL = (
    "Mondays",
    "Tuesdays",
    "Wednesdays",
    "Thursdays",
    "Fridays",
    "Saturdays",
    "Sundays",
)


def usd(cents: int) -> str:
    return f"${cents / 100:,.2f}".replace(".00", "")


def day(value: date | str, lang: Lang) -> str:
    d = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if lang == "es":
        return f"{_DAYS_ES[d.weekday()]} {d.day} de {MONTHS_ES[d.month - 1]}"
    return d.strftime("%A, %B %-d")


def weekday_plural(d: date, lang: Lang) -> str:
    return _DAYS_ES[d.weekday()] if lang == "es" else _DAYS_EN_PLURAL[d.weekday()]


# Each party kind as (one, many) per language: "1 adult", "2 adults"; "1 niño", "2 niños".
_PARTY_NOUNS: dict[str, dict[Lang, tuple[str, str]]] = {
    "guests": {"en": ("guest", "guests"), "es": ("invitado", "invitados")},
    "adults": {"en": ("adult", "adults"), "es": ("adulto", "adultos")},
    "children": {"en": ("kid", "kids"), "es": ("niño", "niños")},
    "toddlers": {"en": ("under 6", "under 6"), "es": ("menor de 6", "menores de 6")},
}


def counted(n: int, kind: str, lang: Lang) -> str:
    """'1 adult', '3 adults', '1 niño': a head count with its noun in the right number."""
    nouns = _PARTY_NOUNS[kind]
    one, many = nouns.get(lang, nouns["en"])
    return f"{n} {one if n == 1 else many}"


def clock(value: str | time, lang: Lang) -> str:
    """'18:00' -> '6 pm', '18:30' -> '6:30 pm' (the market's local wall clock)."""
    t = time.fromisoformat(value) if isinstance(value, str) else value
    hour = t.hour % 12 or 12
    suffix = (
        ("p. m." if t.hour >= 12 else "a. m.") if lang == "es" else ("pm" if t.hour >= 12 else "am")
    )
    return f"{hour}:{t.minute:02d} {suffix}" if t.minute else f"{hour} {suffix}"


def when(iso_start: str, lang: Lang) -> str:
    start = datetime.fromisoformat(iso_start)
    joiner = " a las " if lang == "es" else " at "
    return day(start.date(), lang) + joiner + clock(start.time(), lang)


def listing(items: list[str], lang: Lang, *, both: bool = False) -> str:
    """'a, b or c' (alternatives) or, with `both`, 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    words = {("es", True): " y ", ("es", False): " o ", ("en", True): " and "}
    last = words.get((lang, both), " or ")
    return ", ".join(items[:-1]) + last + items[-1]


T: dict[str, dict[Lang, str]] = {
    "ask.adults": {
        "en": "Happy to help! How many guests will you have (adults, and kids 6-12)?",
        "es": "¡Con gusto! ¿Cuántos invitados serán (adultos y niños de 6 a 12 años)?",
    },
    "ask.date_zip": {
        "en": "What date is the party, and what's the zip code of the address?",
        "es": "¿Qué fecha es la fiesta y cuál es el código postal del lugar?",
    },
    "ask.event_date": {"en": "What date is the party?", "es": "¿Qué fecha es la fiesta?"},
    "ask.zipcode": {
        "en": "What's the zip code where the party will be?",
        "es": "¿Cuál es el código postal donde será la fiesta?",
    },
    "ask.contact": {
        "en": "To hold it, could you send {missing}?",
        "es": "Para apartarlo, ¿me envía {missing}?",
    },
    "contact.name": {"en": "the host's name", "es": "el nombre del anfitrión"},
    "contact.reach": {"en": "a phone number or email", "es": "un teléfono o correo"},
    "contact.address": {
        "en": "the street address of the party",
        "es": "la dirección de la fiesta",
    },
    "ask.booking_id": {
        "en": "Sure! What's your booking id? It starts with bk_ and is in your confirmation.",
        "es": "¡Claro! ¿Cuál es su número de reserva? Empieza con bk_ y está en su confirmación.",
    },
    "ask.new_date": {
        "en": "What date would you like to move it to?",
        "es": "¿A qué fecha le gustaría cambiarla?",
    },
    "clarify": {
        "en": "Sorry, I didn't quite catch that. Could you tell me a bit more about what you "
        "need: a price, a date, or a question about our service?",
        "es": "Perdón, no entendí bien. ¿Me dice un poco más de lo que necesita: un precio, "
        "una fecha o una pregunta sobre el servicio?",
    },
    "clarify.protein": {
        "en": 'Quick check on "{word}": did you mean {options}?',
        "es": 'Una pregunta sobre "{word}": ¿se refiere a {options}?',
    },
    "clarify.guests": {
        "en": "Just to get it exactly right: how many guests will you have (adults, and kids "
        "6-12)?",
        "es": "Para que sea exacto: ¿cuántos invitados serán (adultos y niños de 6 a 12)?",
    },
    "clarify.proteins": {
        "en": "How many portions of each protein would you like? Every guest gets two proteins.",
        "es": "¿Cuántas porciones quiere de cada proteína? Cada invitado lleva dos proteínas.",
    },
    "clarify.event_date": {
        "en": "Just to be sure, which date exactly is the party?",
        "es": "Para estar seguros, ¿qué fecha exactamente es la fiesta?",
    },
    "clarify.zipcode": {
        "en": "Just to be sure, what's the 5-digit zip code of the party?",
        "es": "Para estar seguros, ¿cuál es el código postal de 5 dígitos?",
    },
    "clarify.start_time": {
        "en": "Just to be sure, what start time would you like?",
        "es": "Para estar seguros, ¿a qué hora le gustaría empezar?",
    },
    "conflict": {
        "en": "Just to make sure I have it right: {options}?",
        "es": "Para confirmar que lo tengo bien: ¿{options}?",
    },
    "quote.total": {
        "en": "For {guests} on {day} your total is {total}.",
        "es": "Para {guests} el {day}, el total es {total}.",
    },
    "quote.minimum": {
        "en": "Parties have a {minimum} food minimum, so your group's food is raised to the "
        "minimum.",
        "es": "Las fiestas tienen un mínimo de {minimum} en comida, así que la comida de su "
        "grupo sube a ese mínimo.",
    },
    "quote.upgrades": {"en": "That includes {lines}.", "es": "Eso incluye {lines}."},
    "quote.surcharge": {
        "en": "That includes a {amount} {name} peak-date surcharge.",
        "es": "Incluye un recargo de {amount} por fecha pico ({name}).",
    },
    "quote.travel": {
        "en": "Travel is {amount} ({miles} road miles).",
        "es": "El traslado es {amount} ({miles} millas).",
    },
    "quote.deposit": {
        "en": "A {deposit} deposit confirms your date; gratuity isn't included. Want me to "
        "check which start times are free?",
        "es": "Un depósito de {deposit} confirma su fecha; la propina no está incluida. "
        "¿Quiere que revise qué horarios están libres?",
    },
    "times.free": {
        "en": "Great news: on {day} we can start at {times}. Which time would you like?",
        "es": "¡Buenas noticias! El {day} podemos empezar a las {times}. ¿Qué hora prefiere?",
    },
    "times.ok": {"en": "{time} on {day} is open.", "es": "Las {time} del {day} están libres."},
    "times.taken": {
        "en": "Sorry, {time} on {day} is already booked.",
        "es": "Lo siento, las {time} del {day} ya están reservadas.",
    },
    "times.day_off": {
        "en": "Sorry, our chefs don't work on {weekday}, so {day} isn't available.",
        "es": "Lo siento, nuestros chefs no trabajan los {weekday}, así que el {day} no está "
        "disponible.",
    },
    "times.closed": {
        "en": "Sorry, we're closed on {day}.",
        "es": "Lo siento, no abrimos el {day}.",
    },
    "times.full": {
        "en": "Sorry, {day} is fully booked.",
        "es": "Lo siento, el {day} ya está lleno.",
    },
    "times.too_soon": {
        "en": "Sorry, {day} is too soon: we need at least 48 hours' notice.",
        "es": "Lo siento, el {day} es muy pronto: necesitamos al menos 48 horas de aviso.",
    },
    "times.too_far": {
        "en": "Sorry, we only take bookings up to a year ahead.",
        "es": "Lo siento, solo aceptamos reservas hasta con un año de anticipación.",
    },
    "times.outside_hours": {
        "en": "Sorry, we start parties between 11 am and 8:30 pm, on the hour or half hour.",
        "es": "Lo siento, empezamos las fiestas entre 11 a. m. y 8:30 p. m., en punto o a la "
        "media hora.",
    },
    "times.nearest": {
        "en": "The nearest free starts are {times}. Would one of those work?",
        "es": "Los horarios libres más cercanos son {times}. ¿Le sirve alguno?",
    },
    "times.none": {
        "en": "I couldn't find a free start nearby. Would another date work?",
        "es": "No encontré un horario libre cercano. ¿Le sirve otra fecha?",
    },
    "summary": {
        "en": "Here's what I have: {guests} on {when}, {address}.{menu} Host: {contact}. "
        "Total {total}, with a {deposit} deposit to confirm. Shall I hold it for you?",
        "es": "Esto es lo que tengo: {guests} el {when}, {address}.{menu} Anfitrión: "
        "{contact}. Total {total}, con un depósito de {deposit} para confirmar. ¿Se lo "
        "aparto?",
    },
    "summary.short": {
        "en": "Shall I go ahead and hold {when} for you?",
        "es": "¿Le aparto el {when}?",
    },
    "hold.done": {
        "en": "Done! I've held {when} for you for {hold_minutes} minutes (booking {id}). Pay "
        "the {deposit} deposit to confirm it; your total is {total}.",
        "es": "¡Listo! Le aparté el {when} por {hold_minutes} minutos (reserva {id}). Pague el "
        "depósito de {deposit} para confirmarla; el total es {total}.",
    },
    "hold.pay": {"en": "Pay here: {url}", "es": "Pague aquí: {url}"},
    "hold.manage": {
        "en": "Manage your booking: {url}",
        "es": "Administre su reserva: {url}",
    },
    "change.what": {
        "en": "No problem. What would you like to change?",
        "es": "Sin problema. ¿Qué le gustaría cambiar?",
    },
    "status": {
        "en": "Your booking {id} for {when}: status {status} ({paid}).",
        "es": "Su reserva {id} para el {when}: estado {status} ({paid}).",
    },
    "status.paid": {"en": "deposit paid", "es": "depósito pagado"},
    "status.unpaid": {
        "en": "deposit not paid yet; it's confirmed once the deposit is paid",
        "es": "depósito pendiente; se confirma al pagar el depósito",
    },
    "status.missing": {
        "en": "I couldn't find that booking for you. Could you check the booking id?",
        "es": "No encontré esa reserva. ¿Puede revisar el número de reserva?",
    },
    "reschedule.confirm": {
        "en": "Move booking {id} from {old} to {new}? Your deposit carries over. Shall I move it?",
        "es": "¿Cambio la reserva {id} del {old} al {new}? Su depósito se mantiene. ¿La cambio?",
    },
    "reschedule.done": {
        "en": "Done! Booking {id} is moved to {new}. Your total is {total}.",
        "es": "¡Listo! La reserva {id} quedó para el {new}. El total es {total}.",
    },
    "cancel.confirm": {
        "en": "Cancel booking {id} for {when}? {refund} Shall I cancel it?",
        "es": "¿Cancelo la reserva {id} del {when}? {refund} ¿La cancelo?",
    },
    "cancel.refund": {
        "en": "Your {amount} deposit would be refunded in full.",
        "es": "Su depósito de {amount} se reembolsaría completo.",
    },
    "cancel.kept": {
        "en": "It's less than {days} days before the event, so the deposit isn't refundable.",
        "es": "Faltan menos de {days} días para el evento, así que el depósito no es reembolsable.",
    },
    "cancel.unpaid": {
        "en": "You haven't paid a deposit, so nothing is charged.",
        "es": "Usted no ha pagado depósito, así que no hay cargo.",
    },
    "cancel.done": {
        "en": "Booking {id} is cancelled. {refund}",
        "es": "La reserva {id} quedó cancelada. {refund}",
    },
    "cancel.refunded": {
        "en": "{amount} is on its way back to you.",
        "es": "Le devolveremos {amount}.",
    },
    "kept": {"en": "No change made: your booking stays as it is.", "es": "No hice cambios."},
    "no_booking": {
        "en": "I don't see a booking in this conversation yet. What's the booking id (it "
        "starts with bk_)?",
        "es": "No veo una reserva en esta conversación. ¿Cuál es el número de reserva "
        "(empieza con bk_)?",
    },
    "payment.deposit": {
        "en": "The deposit is {deposit}; it holds your date and comes off your total. It's "
        "refundable up to {days} days before the event.",
        "es": "El depósito es de {deposit}; aparta su fecha y se descuenta del total. Es "
        "reembolsable hasta {days} días antes del evento.",
    },
    "payment.methods": {
        "en": "You pay the deposit by card through the secure link we send when we hold your "
        "date. Zelle and Venmo work too: send it with your booking id in the note and our "
        "team matches it to your booking.",
        "es": "El depósito se paga con tarjeta en el enlace seguro que enviamos al apartar su "
        "fecha. También aceptamos Zelle y Venmo: envíelo con su número de reserva en la nota "
        "y nuestro equipo lo asigna a su reserva.",
    },
    "payment.link": {
        "en": "Your deposit link for booking {id}: {url}",
        "es": "El enlace de depósito de su reserva {id}: {url}",
    },
    "handoff": {
        "en": "I've asked a team member to help; they'll reply right here in this "
        "conversation {eta}.",
        "es": "Le pedí a alguien del equipo que le ayude; le responderán aquí mismo {eta}.",
    },
    "handoff.ack": {
        "en": "Thanks! Our team has your conversation and will reply here {eta}.",
        "es": "¡Gracias! Nuestro equipo tiene su conversación y le responderá aquí {eta}.",
    },
    "complaint": {
        "en": "I'm really sorry this happened, and thank you for telling us. You shouldn't "
        "have had this experience, and we own it. I've passed this to our guest care team "
        "with high priority: a manager will reply here {eta} to make it right.",
        "es": "Lamento mucho lo ocurrido y gracias por decírnoslo. Ya lo pasé a nuestro equipo "
        "con prioridad alta: un gerente le responderá aquí {eta} para resolverlo.",
    },
    "escalate.safety_incident": {
        "en": "I'm so sorry, and your safety comes first. If anyone has trouble breathing, "
        "swelling or feels faint, call 911 right now. I've alerted our manager, who will "
        "contact you right away.",
        "es": "Lo siento mucho; su seguridad es lo primero. Si alguien tiene dificultad para "
        "respirar, hinchazón o se siente débil, llame al 911 ahora mismo. Ya avisé a nuestro "
        "gerente, que le contactará de inmediato.",
    },
    "escalate.legal_threat": {
        "en": "I understand, and I'm sorry for the frustration. I've passed this to our "
        "management team, who will contact you directly.",
        "es": "Entiendo, y lamento la molestia. Ya lo pasé a nuestro equipo de gerencia, que "
        "le contactará directamente.",
    },
    "escalate.custom_event": {
        "en": "Wonderful, a party that size is a custom event! I've passed your details to our "
        "events team, who will put together a custom quote and reply here {eta}.",
        "es": "¡Qué bien! Una fiesta de ese tamaño es un evento especial. Pasé sus datos a "
        "nuestro equipo de eventos, que le preparará una cotización y le responderá aquí "
        "{eta}.",
    },
    "smalltalk.greeting": {
        "en": "Hi there! I can price a hibachi party, check open dates, book a chef, or answer "
        "questions. What can I do for you?",
        "es": "¡Hola! Puedo cotizar una fiesta hibachi, revisar fechas libres, reservar un "
        "chef o responder preguntas. ¿En qué le ayudo?",
    },
    "smalltalk.thanks": {"en": "You're welcome!", "es": "¡Con gusto!"},
    "smalltalk.goodbye": {
        "en": "Thanks for chatting with us, have a great day!",
        "es": "¡Gracias por escribirnos, que tenga un excelente día!",
    },
    "smalltalk.other": {"en": "Happy to help!", "es": "¡Con gusto!"},
    "travel.free": {
        "en": "Good news: you're {miles} road miles from our {market} chefs, within the free "
        "{free} miles, so there's no travel fee.",
        "es": "Buenas noticias: está a {miles} millas de nuestros chefs de {market}, dentro de "
        "las {free} millas gratis, así que no hay cargo de traslado.",
    },
    "travel.fee": {
        "en": "You're {miles} road miles from our {market} chefs; the first {free} are free, "
        "so travel is {fee}.",
        "es": "Está a {miles} millas de nuestros chefs de {market}; las primeras {free} son "
        "gratis, así que el traslado es {fee}.",
    },
    "menu.upgrade": {
        "en": "{lines}.",
        "es": "{lines}.",
    },
    "menu.upgrade_line": {
        "en": "{protein} is {amount} extra per portion",
        "es": "{protein} cuesta {amount} extra por porción",
    },
    "menu.included_line": {
        "en": "{protein} is included at no extra cost",
        "es": "{protein} está incluido sin costo extra",
    },
    "menu.third": {
        "en": "A third protein is {amount} per guest.",
        "es": "Una tercera proteína cuesta {amount} por invitado.",
    },
    "knowledge.unknown": {
        "en": "Good question; I don't have that answer on hand, so I've noted it for our team.",
        "es": "Buena pregunta; no tengo esa respuesta a mano, así que la anoté para el equipo.",
    },
    "error.generic": {
        "en": "Sorry, I couldn't work that out. Could you tell me the guests, date and zip "
        "code again?",
        "es": "Perdón, no pude calcularlo. ¿Me repite los invitados, la fecha y el código postal?",
    },
    "error.too_many_portions": {
        "en": "Those protein choices add up to {listed} portions, but {guests} have "
        "{cap} between them ({per} proteins each). How many of each protein would you like?",
        "es": "Esas proteínas suman {listed} porciones, pero {guests} comen {cap} en "
        "total ({per} proteínas cada uno). ¿Cuántas porciones quiere de cada proteína?",
    },
    "error.too_many_thirds": {
        "en": "A third protein is at most one per guest, so {most} for {guests}. "
        "How many third proteins would you like?",
        "es": "La tercera proteína es como máximo una por invitado, o sea {most} para {guests}. "
        "¿Cuántas terceras proteínas quiere?",
    },
    "error.party": {
        "en": "Sorry, something about the party details didn't work: {what}. Could you check that?",
        "es": "Perdón, algo en los detalles no funcionó: {what}. ¿Puede revisarlo?",
    },
}


# The business rules' numbers a phrase may state, rendered from where each rule lives.
RULES: dict[str, Any] = {"hold_minutes": HOLD_MINUTES}


def say(key: str, lang: Lang, **values: Any) -> str:
    texts = T[key]
    return texts.get(lang, texts["en"]).format(**(RULES | values))
