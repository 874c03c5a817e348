app-name = Plenary
app-tagline = Рішення Генеральної Асамблеї та Ради Безпеки: як їх ухвалюють і як їх записано

body-ga = Генеральна Асамблея
body-sc = Рада Безпеки

vote-cat-yes = За
vote-cat-no = Проти
vote-cat-abstain = Утрималися
vote-cat-non-voting = Не голосували
vote-cat-absent = Відсутні
vote-yes = За
vote-no = Проти
vote-abstain = Утриматися
vote-non-voting = Не голосує
vote-absent = Відсутній

outcome-adopted = Ухвалено
outcome-rejected = Не ухвалено
outcome-vetoed = Вето

measure-identical = Однакові голоси
measure-lijphart = Індекс Лейпгарта
measure-s-score = S-показник
measure-state-dept = Збіг голосів (Держдеп США)

chart-axis-year = Рік
chart-axis-session = Сесія
chart-axis-agreement = Збіг голосів
chart-axis-ideal-point = Ідеальна точка
chart-agree-title = Збіг голосів: { $a } і { $b }
chart-partners-title = Найближчі партнери: { $state }, { $from }–{ $to }
chart-matrix-title = Матриця збігу голосів, { $from }–{ $to }
chart-blocs-title = Блоки під час голосувань, { $from }–{ $to }
chart-idealpoints-title = Ідеальні точки, { $from }–{ $to }
chart-source = Джерело: { $source }. Графік: Plenary.
chart-votes-count = { $count ->
    [one] { $count } голосування
    [few] { $count } голосування
   *[other] { $count } голосувань
}
