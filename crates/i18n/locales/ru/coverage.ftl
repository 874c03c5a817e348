cov-state-list = ({ $states })
cov-adopted-recorded = { $body } приняла { $what } заносимым в отчет о заседании голосованием { $yes } { $yes ->
    [one] голосом
   *[other] голосами
} против { $no }{ $no_list } при { $abstain ->
    [0] отсутствии воздержавшихся
    [one] { $abstain } воздержавшемся
   *[other] { $abstain } воздержавшихся
}{ $abstain_list }.
cov-adopted-sc = { $body } принял { $what } { $yes } { $yes ->
    [one] голосом
   *[other] голосами
}{ $no ->
    [0] {""}
   *[other] { " " }против { $no }{ $no_list }
} при { $abstain ->
    [0] отсутствии воздержавшихся
    [one] { $abstain } воздержавшемся
   *[other] { $abstain } воздержавшихся
}{ $abstain_list }{ $no ->
    [0] ; голосов «против» не было
   *[other] {""}
}.
cov-adopted-without-vote = { $body } { $bodykind ->
    [sc] принял
   *[other] приняла
} { $what } без голосования.
cov-rejected = { $body } { $bodykind ->
    [sc] отклонил
   *[other] отклонила
} { $what }: { $yes } { $yes ->
    [one] голос
    [few] голоса
   *[many] голосов
} «за», { $no } «против»{ $no_list } при { $abstain ->
    [0] отсутствии воздержавшихся
    [one] { $abstain } воздержавшемся
   *[other] { $abstain } воздержавшихся
}{ $abstain_list }; необходимое большинство не набрано.
cov-vetoed = { $what_cap } не { $kind ->
    [amendment] принята
   *[other] принят
} из-за голоса «против» { $count ->
    [one] постоянного члена Совета: { $vetoers }
   *[other] постоянных членов Совета: { $vetoers }
}. Итоги голосования: { $yes } «за», { $no } «против»{ $no_list } при { $abstain ->
    [0] отсутствии воздержавшихся
    [one] { $abstain } воздержавшемся
   *[other] { $abstain } воздержавшихся
}{ $abstain_list }.
cov-what-resolution = резолюцию { $symbol }
cov-what-draft = проект резолюции { $symbol }
cov-what-amendment = поправку ({ $title })
cov-what-amendment-cap = Поправка ({ $title })
cov-what-draft-cap = Проект резолюции { $symbol }
cov-amendments-first = Перед этим голосованием { $bodykind ->
    [sc] он принял
   *[other] она приняла
} решения по { $count ->
    [one] { $count } поправке
   *[other] { $count } поправкам
}.
cov-and = и

# Числа, которых источник не опубликовал: $missing = "abstain" (неизвестно лишь число воздержавшихся) или "other".
cov-adopted-partial = { $body } { $bodykind ->
    [sc] принял
   *[other] приняла
} { $what }: { $yes } { $yes ->
    [one] голос
    [few] голоса
   *[many] голосов
} «за»{ $missing ->
    [abstain] , { $no } «против»{ $no_list }; число воздержавшихся в записи не указано
   *[other] ; других цифр в записи нет
}.
cov-rejected-partial = { $body } { $bodykind ->
    [sc] отклонил
   *[other] отклонила
} { $what }: { $yes } { $yes ->
    [one] голос
    [few] голоса
   *[many] голосов
} «за»{ $missing ->
    [abstain] , { $no } «против»{ $no_list }; число воздержавшихся в записи не указано
   *[other] ; других цифр в записи нет
}.
cov-vetoed-partial = { $what_cap } не { $kind ->
    [amendment] принята
   *[other] принят
} из-за голоса «против» { $count ->
    [one] постоянного члена Совета: { $vetoers }
   *[other] постоянных членов Совета: { $vetoers }
}. { $yes } { $yes ->
    [one] голос
    [few] голоса
   *[many] голосов
} «за»{ $missing ->
    [abstain] , { $no } «против»{ $no_list }; число воздержавшихся в записи не указано
   *[other] ; других цифр в записи нет
}.
cov-meeting-heading = { $body }, { $date }{ $meeting ->
    [none] {""}
   *[other] { " " }({ $meeting })
}: { $count ->
    [one] { $count } решение
    [few] { $count } решения
   *[many] { $count } решений
}
cov-what-amendment-to = поправку к { $target }
cov-what-amendment-to-cap = Поправка к { $target }
cov-what-amendment-to-res = поправку к проекту (впоследствии — резолюция { $res })
cov-what-amendment-to-res-cap = Поправка к проекту (впоследствии — резолюция { $res })
