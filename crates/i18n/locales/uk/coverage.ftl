cov-state-list = ({ $states })
cov-adopted-recorded = { $body } ухвалила { $what } поіменним голосуванням: «за» — { $yes } { $yes ->
    [one] держава
    [few] держави
   *[many] держав
}, «проти» — { $no }{ $no_list }, { $abstain ->
    [0] утриманих немає
   *[other] утрималися — { $abstain }
}{ $abstain_list }.
cov-adopted-sc = { $body } ухвалила { $what }: «за» — { $yes } { $yes ->
    [one] член Ради
    [few] члени Ради
   *[many] членів Ради
}, { $no ->
    [0] «проти» — жодного
   *[other] «проти» — { $no }
}{ $no_list }, { $abstain ->
    [0] утриманих немає
   *[other] утрималися — { $abstain }
}{ $abstain_list }.
cov-adopted-without-vote = { $body } ухвалила { $what } без голосування.
cov-rejected = { $body } відхилила { $what }: «за» — { $yes }, «проти» — { $no }{ $no_list }, { $abstain ->
    [0] утриманих немає
   *[other] утрималися — { $abstain }
}{ $abstain_list }; необхідної більшості не набрано.
cov-vetoed = { $what_cap } не ухвалено через голос «проти» { $count ->
    [one] постійного члена Ради: { $vetoers }
   *[other] постійних членів Ради: { $vetoers }
}. Результати голосування: «за» — { $yes }, «проти» — { $no }{ $no_list }, { $abstain ->
    [0] утриманих немає
   *[other] утрималися — { $abstain }
}{ $abstain_list }.
cov-what-resolution = резолюцію { $symbol }
cov-what-draft = проєкт резолюції { $symbol }
cov-what-amendment = поправку ({ $title })
cov-what-amendment-cap = Поправку ({ $title })
cov-what-draft-cap = Проєкт резолюції { $symbol }
cov-amendments-first = Перед цим голосуванням вона ухвалила рішення щодо { $count ->
    [one] { $count } поправки
   *[other] { $count } поправок
}.
cov-and = і

# Кількості, яких джерело не оприлюднило: $missing = "abstain" (невідома лише кількість утриманих) або "other".
cov-adopted-partial = { $body } ухвалила { $what }: «за» — { $yes }{ $missing ->
    [abstain] , «проти» — { $no }{ $no_list }; кількості утриманих у записі немає
   *[other] ; інших цифр у записі немає
}.
cov-rejected-partial = { $body } відхилила { $what }: «за» — { $yes }{ $missing ->
    [abstain] , «проти» — { $no }{ $no_list }; кількості утриманих у записі немає
   *[other] ; інших цифр у записі немає
}.
cov-vetoed-partial = { $what_cap } не ухвалено через голос «проти» { $count ->
    [one] постійного члена Ради: { $vetoers }
   *[other] постійних членів Ради: { $vetoers }
}. «За» — { $yes }{ $missing ->
    [abstain] , «проти» — { $no }{ $no_list }; кількості утриманих у записі немає
   *[other] ; інших цифр у записі немає
}.
cov-meeting-heading = { $body }, { $date }{ $meeting ->
    [none] {""}
   *[other] { " " }({ $meeting })
}: { $count ->
    [one] { $count } рішення
    [few] { $count } рішення
   *[many] { $count } рішень
}
cov-what-amendment-to = поправку до { $target }
cov-what-amendment-to-cap = Поправку до { $target }
cov-what-amendment-to-res = поправку до проєкту (згодом — резолюція { $res })
cov-what-amendment-to-res-cap = Поправку до проєкту (згодом — резолюція { $res })
