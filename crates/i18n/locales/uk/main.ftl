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

chart-votes-count = { $count ->
    [one] { $count } голосування
    [few] { $count } голосування
   *[other] { $count } голосувань
}
