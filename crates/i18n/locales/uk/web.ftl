# Вебсторінки (crates/web).
web-skip = Перейти до змісту
web-nav-label = Головна навігація
web-nav-home = Головна
web-nav-search = Пошук
web-lang-label = Мова
web-footer = Plenary веде відкритий реєстр голосувань Генеральної Асамблеї та Ради Безпеки. Кожна цифра має посилання на джерело.
web-not-member = Не член ООН на цю дату
web-territory = Територія, що не має власного місця в ООН
web-in-english = англійською, як у записі; перекладу в записі немає
web-decision-heading = Рішення
web-field-symbol = Шифр
web-field-date = Дата
web-field-body = Орган
web-field-meeting = Засідання
web-field-draft = Проєкт
web-tally-heading = Голосування
web-tally-published = За опублікованими даними
web-tally-counted = За підрахунком поіменного списку
web-tally-unpublished = не опубліковано
web-states-heading = Держави за голосами
web-state-count = { $count ->
    [one] { $count } держава
    [few] { $count } держави
   *[other] { $count } держав
}
web-map-heading = Карта голосування
web-map-caption = Карта світу з голосуванням щодо { $symbol }: колір і візерунок кожної держави показують її голос
web-outcome-heading = Результат
web-reason-heading = Чому
web-reason-two-thirds-met = Важливе питання: голосів «за» — { $yes }, це щонайменше дві третини від { $pv } присутніх і тих, що голосують (потрібно { $needed }; Статут, стаття 18(2)).
web-reason-two-thirds-not-met = Важливе питання: голосів «за» — { $yes }, це менше ніж дві третини від { $pv } присутніх і тих, що голосують (потрібно { $needed }; Статут, стаття 18(2)).
web-reason-simple-met = «За» — { $yes }, «проти» — { $no }: більшість присутніх і тих, що голосують (Статут, стаття 18(3)).
web-reason-simple-not-met = «За» — { $yes }, «проти» — { $no }: більшості присутніх і тих, що голосують, немає (Статут, стаття 18(3)).
web-reason-sc-met = Голосів «за» — { $yes }, не менше за потрібні дев’ять, і жоден постійний член не голосував проти (Статут, стаття 27(3)).
web-reason-sc-short = Голосів «за» — { $yes }, менше за потрібні дев’ять (Статут, стаття 27(3)).
web-reason-vetoed = Проти голосував постійний член: { $vetoers } (Статут, стаття 27(3)).
web-reason-without-vote = Ухвалено без голосування: голоси не підраховували.
web-findings-heading = Сумніви щодо джерела
web-no-findings = Щодо цього рішення джерело не викликає сумнівів.
web-source-heading = Джерело запису
web-source-format = Формат
web-source-file = Файл
web-source-line = Запис
web-source-version = Версія (SHA-256)
web-coverage-heading = Огляд
web-board-title = Табло голосування
web-board-open = Голосування триває
web-board-closed = Голосування завершено
web-board-totals = Поточні підсумки
web-board-result = Результат
web-board-live = Оновлюється наживо
web-signin-heading = Вхід
web-signin-user = Ім’я користувача
web-signin-password = Пароль
web-signin-submit = Увійти
web-delegation-heading = Делегація: { $state }
web-question = Питання
web-question-text = Текст
web-cast-vote = Ваш голос
web-recorded-vote = Ваш голос у записі: { $vote }
web-no-vote-yet = Вашого голосу ще не записано.
web-vote-can-change = Голос можна змінити, доки голосування не завершено.
web-vote-is-closed = Голосування завершено; змінити голос уже не можна.
web-chair-title = Пульт головуючого
web-attendance = Присутність
web-present = Присутній
web-order-heading = Порядок голосування
web-order-reason = Чому такий порядок
web-open-vote = Відкрити голосування
web-close-vote = Закрити голосування
web-home-recent = Останні рішення
web-home-search = Пошук у реєстрі
web-home-search-label = Шифр, назва або держава
web-home-search-button = Шукати
web-home-meetings = Засідання, що тривають
web-home-no-meetings = Зараз жодне засідання не триває.
web-country-votes = Як голосувала держава
web-country-charts = Аналіз
web-col-symbol = Шифр
web-col-date = Дата
web-col-title = Назва
web-col-vote = Голос
web-col-outcome = Результат
web-why-motion = Процедурні пропозиції ставлять на голосування першими, за їхнім пріоритетом (правило 77 ГА; правило 33 РБ).
web-why-amendment = Поправки голосують раніше за саму пропозицію, починаючи з найвіддаленішої за змістом (правило 90 ГА; правило 36 РБ).
web-why-part = Частини, що голосують окремо, ідуть перед пропозицією в цілому (правило 89 ГА; правило 32 РБ).
web-why-proposal = Пропозиції голосують у порядку їх внесення (правило 91 ГА; правило 32 РБ).

# Served pages (crates/server/src/pages.rs).
web-home-results = { $count ->
    [one] Знайдено { $count } рішення за запитом «{ $query }»
    [few] Знайдено { $count } рішення за запитом «{ $query }»
    [many] Знайдено { $count } рішень за запитом «{ $query }»
   *[other] Знайдено { $count } рішення за запитом «{ $query }»
}
web-attendance-save = Зареєструвати присутність
web-chair-nothing-to-vote = На засіданні немає питання, яке можна поставити на голосування.
web-signout = Вийти
web-error-title = Відмовлено
web-error-detail = Слова сервера
web-error-not-found-title = Не знайдено
web-error-not-found = У записі немає такої сторінки, рішення, держави чи засідання.
web-error-no-decision = У записі немає рішення з символом { $symbol }.
web-error-no-record = Історичний запис не завантажено: спершу виконайте «plenary init».
web-error-csrf = Форма застаріла або надійшла не з цього сайту. Оновіть сторінку й спробуйте ще раз.
web-error-signin-failed = Невідоме ім'я користувача або неправильний пароль.
web-error-not-signed-in = Спершу увійдіть.
web-error-not-your-state = Делегація може голосувати лише за свою державу.
web-error-vote-closed = Голосування закрито.
web-error-not-present = Вашу делегацію не зареєстровано як присутню на цьому засіданні.
web-error-no-vote = Ваша держава не має голосу (Статут, стаття 19).
web-error-wrong-role = Ця консоль призначена для іншої ролі: увійдіть під відповідним обліковим записом.
web-error-conflict = Стан засідання зараз цього не дозволяє.
web-error-bad-request = Форму заповнено не так, як очікувалося.
web-error-internal = Сервер не зміг виконати запит.
web-back = Назад

# --- Сторінка документа ---
web-doc-sponsors = Автори
web-doc-no-sponsors = У записі немає авторів цього документа.
web-doc-text = Текст
web-doc-text-in-english = Текст подано англійською мовою: української версії немає (українська не є офіційною мовою ООН).
web-doc-no-text = У записі немає тексту цього документа (дані проєкту містять тексти резолюцій ES-11/1–ES-11/6).
web-doc-lang-en = англійська
web-doc-lang-uk = українська
web-doc-lang-ru = російська
web-doc-text-source = Офіційний текст (Організація Об'єднаних Націй, ДГАКО; неофіційна копія для інформації):
web-doc-legend = Виправлення: [−] закреслений текст поправка вилучає, [+] підкреслений текст — додає.
web-doc-amendment-fate = поправка: { $outcome }
web-doc-amendments = Поправки
web-doc-no-amendments = У записі немає голосувань щодо поправок до цього документа.
web-doc-change-in-text = Зміну показано в тексті вище.
web-doc-decision-link = Сторінка рішення
web-doc-votes = Голосування
web-doc-col-subject = Питання
web-doc-col-outcome = Результат
web-doc-vote-amendment = Поправка
web-doc-resolution = Резолюція
web-doc-deleted = вилучений текст:
web-doc-inserted = доданий текст:
# --- Сторінка аналізу ---
web-analysis-title = Аналіз: збіг голосів і блоки
web-analysis-filters = Період і тема
web-analysis-from = З (рік)
web-analysis-to = По (рік)
web-analysis-issue = Тема
web-analysis-measure = Показник
web-analysis-blocs-k = Блоки
web-analysis-states = Держави на тепловій карті
web-analysis-states-hint = До 40 кодів ISO через кому; порожньо: 30 держав з усієї карти блоків, разом із п'ятьма постійними членами.
web-analysis-apply = Показати
web-analysis-matrix = Матриця збігу голосів
web-analysis-blocs = Карта блоків
web-analysis-no-votes = У записі немає поіменних голосувань Генеральної Асамблеї для цього вибору.
web-analysis-states-missing = Немає в цьому виборі (замало голосувань або не члени): { $states }.
web-analysis-summary = Поіменних голосувань Генеральної Асамблеї: { $votes_text } (одностайні не враховано); держав на карті: { $states }, на тепловій карті: { $shown }.
web-analysis-matrix-caption = Частка однакових голосів для кожної пари з { $count } держав, темніше — більший збіг: { $states }.
web-analysis-blocs-caption = Кожна точка — держава; держави, що голосують однаково, розташовані поруч; колір і легенда показують блок, а списки нижче називають усі держави за блоками.
web-analysis-bloc = Блок { $bloc } ({ $count ->
    [one] { $count } держава
    [few] { $count } держави
   *[many] { $count } держав
})
web-issue-all = Усі теми
web-issue-me = Палестинський конфлікт
web-issue-nu = Ядерна зброя
web-issue-di = Контроль над озброєннями та роззброєння
web-issue-hr = Права людини
web-issue-co = Колоніалізм
web-issue-ec = Економічний розвиток
web-measure-identical = Однакові голоси
web-measure-lijphart = Індекс Лейпгарта
web-measure-s-score = S-показник
web-measure-state-dept = Збіг за Держдепартаментом

## Issue 6, part 3: links between the decision, document and analysis pages
web-nav-analysis = Аналіз
web-home-analysis = Збіг голосів і блоки в Генеральній Асамблеї: сторінка аналізу
web-decision-related = Пов'язані сторінки
web-decision-document = Документ: текст, автори та поправки
web-decision-amendments = Поправки до цього проєкту, поставлені на голосування
web-error-bad-query = Поле форми «{ $field }» не може мати значення «{ $value }».
web-country-charts-note = Діаграми враховують поіменні голосування Генеральної Асамблеї (однакові голоси, без одностайних голосувань) за період фільтра.

# The chair's console: debates the General Assembly must hold on a Security Council veto
# (A/RES/76/262, para. 1).
web-veto-debates-heading = Дебати щодо вето в Раді Безпеки (A/RES/76/262)
web-veto-debate = { $symbol }: вето — { $states }, { $date }; Асамблея має зібратися не пізніше { $to } (десять робочих днів).

## The country page: the ideal point over time, fitted in the background (plenary-server fits.rs)
web-country-idealpoints = Ідеальна точка в часі
web-country-idealpoints-note = Де держава стоїть щороку на головному вимірі поіменних голосувань Генеральної Асамблеї (Сполучені Штати — додатний бік), з 95-відсотковим інтервалом: динамічна модель Бейлі, Стрежнева та Вутена (2017), оцінена на всьому записі, показана за період фільтра.
web-country-idealpoints-computing = Ідеальні точки зараз обчислюються із запису; це займає кілька секунд. Оновіть сторінку, щоб побачити діаграму.
web-country-idealpoints-updating = Запис змінився після того, як зроблено ці оцінки; нові вже обчислюються.
web-country-idealpoints-too-little = У записі ще немає жодного поіменного голосування Генеральної Асамблеї з різними голосами, тож ідеальні точки оцінити нема з чого.
web-country-idealpoints-none = Оцінки не дають цій державі ідеальної точки в цей період: вона не подала жодного придатного голосу (одностайні голосування та відсутність не враховуються).
web-country-idealpoints-failed = Ідеальні точки не вдалося обчислити; причину записано в журналі сервера.

## The chair's console: a vote by show of hands (GA rule 87; plenary-server meeting.rs enter_tally)
web-method-legend = Як питання ставиться на голосування
web-method-recorded = Поіменне голосування: кожна делегація голосує зі своєї консолі
web-method-show-of-hands = Голосування підняттям рук (правило 87): голова вносить підсумки
web-hands-heading = Підсумки голосування підняттям рук
web-hands-hint = Внесіть підсумки так, як їх оголошено. Присутніх членів, яких не враховано, записують як присутніх, що не беруть участі в голосуванні; голос жодної держави не записується поіменно.
web-hands-vetoed-by = Постійні члени, які голосували проти (Статут, стаття 27(3))
web-hands-submit = Внести підсумки
web-error-counts-above-membership = Пораховано більше голосів, ніж є присутніх членів із правом голосу.
web-error-counts-contradict-veto = Пораховано менше голосів «проти», ніж позначено постійних членів, які голосували проти.
web-error-recorded-vote = Це питання ставиться на поіменне голосування: голосують делегації, а голова закриває голосування.
web-error-show-of-hands = Це питання ставиться на голосування підняттям рук: голова вносить підсумки.

## The vetoes page (/vetoes; plenary_record::vetoes) and a meeting's page with its coverage
## (/meeting/...; plenary_web::document::load_coverage)
web-nav-vetoes = Вето
web-home-vetoes = Вето в Раді Безпеки: хто, що і коли ветував
web-vetoes-title = Вето в Раді Безпеки
web-vetoes-filters = Фільтри вето
web-vetoes-state = Хто наклав вето
web-vetoes-any-state = Будь-який постійний член
web-vetoes-from = З
web-vetoes-to = По
web-vetoes-apply = Показати
web-vetoes-dates-hint = Рік (2022) або дата (2022-02-25); «з» року означає з 1 січня, «по» рік — до 31 грудня.
web-vetoes-sources = Запис містить ті вето, що є в його джерелах: архів Ради Безпеки подає лише ухвалені резолюції, тож вето тут — з перевірених голосувань 2014–2025 років і з засідань, проведених тут. Проєкт не ухвалено через вето, коли він отримав щонайменше дев’ять голосів «за», а постійний член голосував проти (Статут, стаття 27(3)).
web-vetoes-count = { $count ->
    [0] У записі немає вето за цими фільтрами
   *[other] { $count } вето
}
web-vetoes-count-by = { $count ->
    [0] { $state }: у записі немає вето за цими фільтрами
   *[other] { $state }: { $count } вето
}
web-vetoes-amendment = Поправка
web-vetoes-col-by = Хто наклав вето
web-vetoes-col-tally = Голосування
web-vetoes-tally = { $yes } «за», { $no } «проти», { $abstain } утрималися
web-vetoes-tally-partial = { $yes } «за»; кількість голосів «проти» і тих, хто утримався, у записі не наведено
web-meeting-coverage = Огляд засідання
web-meeting-decisions = Рішення цього засідання
web-meeting-undetermined = Не визначено
web-meeting-col-decision = Рішення

# decision page: link to its meeting
web-decision-meeting-page = Засідання та його висвітлення
