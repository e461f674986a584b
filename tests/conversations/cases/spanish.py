"""Whole conversations in Spanish: answered in Spanish, priced, and held."""

from tests.conversations.spec import (
    CONFIRM,
    Booked,
    Case,
    Party,
    Reply,
    Say,
    contact,
    correct,
    flow,
    handoff,
    kb,
    language,
    on,
    set_,
)

ES = language("es")
DOCE = Party(adults=12, zipcode="95814", date=on("+2w sat"))
FAMILIA = Party(adults=8, children=2, toddlers=1, zipcode="90012", date=on("+3w sun"))
FAMILIA_DIEZ = Party(adults=10, children=2, toddlers=1, zipcode="90012", date=on("+3w sun"))
TRES_SEMANAS = Party(adults=15, zipcode="95661", date=on("+3w sat"))
DIEZ = Party(adults=10, zipcode="90012", date=on("+2w sat"))

CASES = [
    Case(
        id="quote-and-hold",
        note="A Spanish message was answered in English without a quote.",
        language="es",
        steps=(
            Say(
                "Hola, ¿cuánto cuesta una fiesta para 12 adultos el sábado {fecha:+2w sat}? "
                "Código postal 95814",
                commands=(
                    ES,
                    flow("quote"),
                    set_("adults", 12),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95814"),
                ),
                expect=Reply(total_of=DOCE),
            ),
            Say(
                "Perfecto, queremos reservar a las 6 de la tarde",
                commands=(flow("book"), set_("start_time", "18:00")),
            ),
            Say(
                "Me llamo Lucía Gómez, mi teléfono es 916-555-0165, correo "
                "lucia.gomez@example.com, la dirección es 1200 J St, Sacramento 95814",
                commands=(
                    *contact("Lucía Gómez", "916-555-0165", "lucia.gomez@example.com"),
                    set_("address", "1200 J St, Sacramento 95814"),
                ),
                expect=Reply(total_of=DOCE),
            ),
            Say("sí, está bien", commands=(CONFIRM,)),
        ),
        bookings=(Booked(DOCE, "18:00"),),
    ),
    Case(
        id="kids-correction-and-hold",
        language="es",
        steps=(
            Say(
                "Buenas tardes. Somos 8 adultos y 3 niños de 7, 9 y 4 años, el domingo "
                "{fecha:+3w sun} en Los Ángeles, 90012. ¿Precio?",
                commands=(
                    ES,
                    flow("quote"),
                    set_("adults", 8),
                    set_("children_ages", [7, 9, 4]),
                    set_("children", 2),
                    set_("toddlers", 1),
                    set_("event_date", on("+3w sun")),
                    set_("zipcode", "90012"),
                ),
                expect=Reply(total_of=FAMILIA),
            ),
            Say(
                "Perdón, en realidad somos 10 adultos",
                commands=(correct("adults", 10),),
                expect=Reply(total_of=FAMILIA_DIEZ),
            ),
            Say(
                "Reserve a las 5 de la tarde por favor. Carlos Ruiz, 213-555-0177, "
                "820 S Broadway, Los Ángeles 90012",
                commands=(
                    flow("book"),
                    set_("start_time", "17:00"),
                    *contact("Carlos Ruiz", "213-555-0177"),
                    set_("address", "820 S Broadway, Los Ángeles 90012"),
                ),
                expect=Reply(total_of=FAMILIA_DIEZ),
            ),
            Say("Sí, confirmo", commands=(CONFIRM,)),
        ),
        bookings=(Booked(FAMILIA_DIEZ, "17:00"),),
        quoted=(FAMILIA,),
    ),
    Case(
        id="relative-date-and-deposit-question",
        language="es",
        steps=(
            Say(
                "hola! queremos un chef el sábado dentro de tres semanas, 15 adultos, cp 95661",
                commands=(
                    ES,
                    flow("quote"),
                    set_("event_date", on("+3w sat")),
                    set_("adults", 15),
                    set_("zipcode", "95661"),
                ),
                expect=Reply(total_of=TRES_SEMANAS, any_of=("{fecha:+3w sat}",)),
            ),
            Say(
                "¿y cuánto es el depósito?",
                commands=(kb("deposit amount"),),
                expect=Reply(money=("deposit.cents",)),
            ),
            Say(
                "ok, a las 7pm. Ana Torres, ana.torres@example.com, 700 Sunrise Ave, "
                "Roseville 95661",
                commands=(
                    flow("book"),
                    set_("start_time", "19:00"),
                    *contact("Ana Torres", email="ana.torres@example.com"),
                    set_("address", "700 Sunrise Ave, Roseville 95661"),
                ),
                expect=Reply(total_of=TRES_SEMANAS),
            ),
            Say("sí", commands=(CONFIRM,)),
        ),
        bookings=(Booked(TRES_SEMANAS, "19:00"),),
    ),
    Case(  # "cuánto" asks how long here, not how much it costs
        id="party-length-in-spanish",
        language="es",
        steps=tuple(
            Say(
                text,
                commands=(ES, kb("cuánto dura una fiesta")),
                expect=Reply(any_of=("2 horas",), none_of=("cuántos invitados",)),
            )
            for text in (
                "¿cuánto dura la fiesta?",
                "¿Cuánto tiempo dura el evento?",
                "cuantas horas se queda el chef",
            )
        ),
    ),
    Case(
        id="wants-a-person",
        language="es",
        escalated=True,
        steps=(
            Say(
                "quiero hablar con una persona, por favor",
                commands=(ES, handoff("customer asked for a person")),
                expect=Reply(any_of=("persona", "equipo")),
            ),
            Say("¿hola? ¿alguien?", commands=(handoff("customer asked for a person"),)),
        ),
    ),
    Case(
        id="texting-shorthand",
        language="es",
        steps=(
            Say(
                "hola! cuanto sale para 10 personas el sab {fecha:+2w sat}? cp 90012",
                commands=(
                    ES,
                    flow("quote"),
                    set_("adults", 10),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "90012"),
                ),
                expect=Reply(total_of=DIEZ),
            ),
            Say(
                "ok reservame a las 6pm, soy Marta Díaz 213 555 0142, 300 S Spring St, LA 90012",
                commands=(
                    flow("book"),
                    set_("start_time", "18:00"),
                    *contact("Marta Díaz", "213 555 0142"),
                    set_("address", "300 S Spring St, LA 90012"),
                ),
                expect=Reply(total_of=DIEZ),
            ),
            Say("si dale", commands=(CONFIRM,)),
        ),
        bookings=(Booked(DIEZ, "18:00"),),
    ),
]
