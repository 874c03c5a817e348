# Веб-страницы (crates/web).
web-skip = Перейти к содержанию
web-nav-label = Главная навигация
web-nav-home = Главная
web-nav-search = Поиск
web-lang-label = Язык
web-footer = Plenary ведёт открытый реестр голосований Генеральной Ассамблеи и Совета Безопасности. У каждой цифры указан источник.
web-not-member = Не член ООН на эту дату
web-territory = Территория, не имеющая собственного места в ООН
web-in-english = на английском, как в записи; перевода в записи нет
web-decision-heading = Решение
web-field-symbol = Условное обозначение
web-field-date = Дата
web-field-body = Орган
web-field-meeting = Заседание
web-field-draft = Проект
web-tally-heading = Голосование
web-tally-published = По опубликованным данным
web-tally-counted = По подсчёту поимённого списка
web-tally-unpublished = не опубликовано
web-states-heading = Государства по голосам
web-state-count = { $count ->
    [one] { $count } государство
    [few] { $count } государства
   *[other] { $count } государств
}
web-map-heading = Карта голосования
web-map-caption = Карта мира с голосованием по { $symbol }: цвет и узор каждого государства показывают его голос
web-outcome-heading = Итог
web-reason-heading = Почему
web-reason-two-thirds-met = Важный вопрос: голосов «за» — { $yes }, это не менее двух третей из { $pv } присутствующих и участвующих в голосовании (нужно { $needed }; Устав, статья 18(2)).
web-reason-two-thirds-not-met = Важный вопрос: голосов «за» — { $yes }, это меньше двух третей из { $pv } присутствующих и участвующих в голосовании (нужно { $needed }; Устав, статья 18(2)).
web-reason-simple-met = «За» — { $yes }, «против» — { $no }: большинство присутствующих и участвующих в голосовании (Устав, статья 18(3)).
web-reason-simple-not-met = «За» — { $yes }, «против» — { $no }: большинства присутствующих и участвующих в голосовании нет (Устав, статья 18(3)).
web-reason-sc-met = Голосов «за» — { $yes }, не меньше требуемых девяти, и ни один постоянный член не голосовал против (Устав, статья 27(3)).
web-reason-sc-short = Голосов «за» — { $yes }, меньше требуемых девяти (Устав, статья 27(3)).
web-reason-vetoed = Против голосовал постоянный член: { $vetoers } (Устав, статья 27(3)).
web-reason-without-vote = Принято без голосования: голоса не подсчитывались.
web-findings-heading = Сомнения в источнике
web-no-findings = По этому решению источник не вызывает сомнений.
web-source-heading = Источник записи
web-source-format = Формат
web-source-file = Файл
web-source-line = Запись
web-source-version = Версия (SHA-256)
web-coverage-heading = Обзор
web-board-title = Табло голосования
web-board-open = Идёт голосование
web-board-closed = Голосование завершено
web-board-totals = Текущие итоги
web-board-result = Итог
web-board-live = Обновляется в реальном времени
web-signin-heading = Вход
web-signin-user = Имя пользователя
web-signin-password = Пароль
web-signin-submit = Войти
web-delegation-heading = Делегация: { $state }
web-question = Вопрос
web-question-text = Текст
web-cast-vote = Ваш голос
web-recorded-vote = Ваш голос в записи: { $vote }
web-no-vote-yet = Вашего голоса пока нет в записи.
web-vote-can-change = Голос можно изменить, пока голосование не завершено.
web-vote-is-closed = Голосование завершено; изменить голос уже нельзя.
web-chair-title = Пульт председателя
web-attendance = Присутствие
web-present = Присутствует
web-order-heading = Порядок голосования
web-order-reason = Почему такой порядок
web-open-vote = Открыть голосование
web-close-vote = Закрыть голосование
web-home-recent = Последние решения
web-home-search = Поиск по реестру
web-home-search-label = Условное обозначение, название или государство
web-home-search-button = Искать
web-home-meetings = Идущие заседания
web-home-no-meetings = Сейчас ни одно заседание не идёт.
web-country-votes = Как голосовало государство
web-country-charts = Анализ
web-col-symbol = Символ
web-col-date = Дата
web-col-title = Название
web-col-vote = Голос
web-col-outcome = Итог
web-why-motion = Процедурные предложения ставятся на голосование первыми, в порядке их очерёдности (правило 77 ГА; правило 33 СБ).
web-why-amendment = Поправки голосуются раньше самого предложения, начиная с наиболее отличающейся по существу (правило 90 ГА; правило 36 СБ).
web-why-part = Части, голосуемые раздельно, идут перед предложением в целом (правило 89 ГА; правило 32 СБ).
web-why-proposal = Предложения голосуются в порядке их внесения (правило 91 ГА; правило 32 СБ).

# Served pages (crates/server/src/pages.rs).
web-home-results = { $count ->
    [one] Найдено { $count } решение по запросу «{ $query }»
    [few] Найдено { $count } решения по запросу «{ $query }»
    [many] Найдено { $count } решений по запросу «{ $query }»
   *[other] Найдено { $count } решения по запросу «{ $query }»
}
web-attendance-save = Зарегистрировать присутствие
web-chair-nothing-to-vote = На заседании нет вопроса, который можно поставить на голосование.
web-signout = Выйти
web-error-title = Отказано
web-error-detail = Слова сервера
web-error-not-found-title = Не найдено
web-error-not-found = В записи нет такой страницы, решения, государства или заседания.
web-error-no-decision = В записи нет решения с условным обозначением { $symbol }.
web-error-no-record = Исторический отчёт не загружен: сначала выполните «plenary init».
web-error-csrf = Форма устарела или отправлена не с этого сайта. Обновите страницу и попробуйте ещё раз.
web-error-signin-failed = Неизвестное имя пользователя или неверный пароль.
web-error-not-signed-in = Сначала войдите.
web-error-not-your-state = Делегация может голосовать только за своё государство.
web-error-vote-closed = Голосование закрыто.
web-error-not-present = Ваша делегация не зарегистрирована как присутствующая на этом заседании.
web-error-no-vote = Ваше государство не имеет голоса (Устав, статья 19).
web-error-wrong-role = Эта консоль предназначена для другой роли: войдите под соответствующей учётной записью.
web-error-conflict = Состояние заседания сейчас этого не позволяет.
web-error-bad-request = Форма заполнена не так, как ожидалось.
web-error-internal = Сервер не смог выполнить запрос.
web-back = Назад

# --- Страница документа ---
web-doc-sponsors = Авторы
web-doc-no-sponsors = В записи нет авторов этого документа.
web-doc-text = Текст
web-doc-text-in-english = Текст приведён на английском языке: русской версии в записи нет.
web-doc-no-text = В записи нет текста этого документа (данные проекта содержат тексты резолюций ES-11/1–ES-11/6).
web-doc-lang-en = английский
web-doc-lang-uk = украинский
web-doc-lang-ru = русский
web-doc-text-source = Официальный текст (Организация Объединённых Наций, ДГАКУ; неофициальная копия для информации):
web-doc-legend = Правка: [−] зачёркнутый текст поправка исключает, [+] подчёркнутый — добавляет.
web-doc-amendment-fate = поправка: { $outcome }
web-doc-amendments = Поправки
web-doc-no-amendments = В записи нет голосований по поправкам к этому документу.
web-doc-change-in-text = Изменение показано в тексте выше.
web-doc-decision-link = Страница решения
web-doc-votes = Голосования
web-doc-col-subject = Вопрос
web-doc-col-outcome = Итог
web-doc-vote-amendment = Поправка
web-doc-resolution = Резолюция
web-doc-deleted = исключённый текст:
web-doc-inserted = добавленный текст:
# --- Страница анализа ---
web-analysis-title = Анализ: совпадение голосов и блоки
web-analysis-filters = Период и тема
web-analysis-from = С (год)
web-analysis-to = По (год)
web-analysis-issue = Тема
web-analysis-measure = Показатель
web-analysis-blocs-k = Блоки
web-analysis-states = Государства на тепловой карте
web-analysis-states-hint = До 40 кодов ISO через запятую; пусто: 30 государств со всей карты блоков, включая пять постоянных членов.
web-analysis-apply = Показать
web-analysis-matrix = Матрица совпадения голосов
web-analysis-blocs = Карта блоков
web-analysis-no-votes = В записи нет заносимых в отчёт голосований Генеральной Ассамблеи для этого выбора.
web-analysis-states-missing = Нет в этом выборе (слишком мало голосований или не члены): { $states }.
web-analysis-summary = Заносимых в отчёт голосований Генеральной Ассамблеи: { $votes_text } (единогласные не учтены); государств на карте: { $states }, на тепловой карте: { $shown }.
web-analysis-matrix-caption = Доля одинаковых голосов для каждой пары из { $count } государств, темнее — больше совпадение: { $states }.
web-analysis-blocs-caption = Каждая точка — государство; государства, голосующие одинаково, расположены рядом; цвет и легенда показывают блок, а списки ниже называют все государства по блокам.
web-analysis-bloc = Блок { $bloc } ({ $count ->
    [one] { $count } государство
    [few] { $count } государства
   *[many] { $count } государств
})
web-issue-all = Все темы
web-issue-me = Палестинский конфликт
web-issue-nu = Ядерное оружие
web-issue-di = Контроль над вооружениями и разоружение
web-issue-hr = Права человека
web-issue-co = Колониализм
web-issue-ec = Экономическое развитие
web-measure-identical = Одинаковые голоса
web-measure-lijphart = Индекс Лейпхарта
web-measure-s-score = S-показатель
web-measure-state-dept = Совпадение по Госдепартаменту

## Issue 6, part 3: links between the decision, document and analysis pages
web-nav-analysis = Анализ
web-home-analysis = Совпадение голосов и блоки в Генеральной Ассамблее: страница анализа
web-decision-related = Связанные страницы
web-decision-document = Документ: текст, авторы и поправки
web-decision-amendments = Поправки к этому проекту, поставленные на голосование
web-error-bad-query = Поле формы «{ $field }» не может иметь значение «{ $value }».
web-country-charts-note = Диаграммы учитывают поимённые голосования Генеральной Ассамблеи (одинаковые голоса, без единогласных голосований) за период фильтра.

# The chair's console: debates the General Assembly must hold on a Security Council veto
# (A/RES/76/262, para. 1).
web-veto-debates-heading = Прения по вето в Совете Безопасности (A/RES/76/262)
web-veto-debate = { $symbol }: вето — { $states }, { $date }; Ассамблея должна собраться не позднее { $to } (десять рабочих дней).

## The country page: the ideal point over time, fitted in the background (plenary-server fits.rs)
web-country-idealpoints = Идеальная точка во времени
web-country-idealpoints-note = Где государство находится каждый год на главном измерении поимённых голосований Генеральной Ассамблеи (Соединённые Штаты — положительная сторона), с 95-процентным интервалом: динамическая модель Бейли, Стрежнева и Вутена (2017), оценённая на всей записи, показана за период фильтра.
web-country-idealpoints-computing = Идеальные точки сейчас вычисляются по записи; это занимает несколько секунд. Обновите страницу, чтобы увидеть диаграмму.
web-country-idealpoints-updating = Запись изменилась после того, как были сделаны эти оценки; новые уже вычисляются.
web-country-idealpoints-too-little = В записи ещё нет ни одного поимённого голосования Генеральной Ассамблеи с разными голосами, поэтому идеальные точки оценить не из чего.
web-country-idealpoints-none = Оценки не дают этому государству идеальной точки в этот период: оно не подало ни одного пригодного голоса (единогласные голосования и отсутствие не учитываются).
web-country-idealpoints-failed = Идеальные точки не удалось вычислить; причина записана в журнале сервера.

## The chair's console: a vote by show of hands (GA rule 87; plenary-server meeting.rs enter_tally)
web-method-legend = Как вопрос ставится на голосование
web-method-recorded = Заносимое в отчёт голосование: каждая делегация голосует со своей консоли
web-method-show-of-hands = Голосование поднятием рук (правило 87): председатель вносит итоги
web-hands-heading = Итоги голосования поднятием рук
web-hands-hint = Внесите итоги так, как они объявлены. Присутствующие члены, не учтённые в итогах, записываются как присутствующие и не участвующие в голосовании; голос ни одного государства не записывается поимённо.
web-hands-vetoed-by = Постоянные члены, голосовавшие против (Устав, статья 27(3))
web-hands-submit = Внести итоги
web-error-counts-above-membership = Подсчитано больше голосов, чем присутствует членов с правом голоса.
web-error-counts-contradict-veto = Подсчитано меньше голосов «против», чем отмечено постоянных членов, голосовавших против.
web-error-recorded-vote = Этот вопрос ставится на заносимое в отчёт голосование: голосуют делегации, а председатель закрывает голосование.
web-error-show-of-hands = Этот вопрос ставится на голосование поднятием рук: председатель вносит итоги.

## The vetoes page (/vetoes; plenary_record::vetoes) and a meeting's page with its coverage
## (/meeting/...; plenary_web::document::load_coverage)
web-nav-vetoes = Вето
web-home-vetoes = Вето в Совете Безопасности: кто, что и когда отклонил
web-vetoes-title = Вето в Совете Безопасности
web-vetoes-filters = Фильтры вето
web-vetoes-state = Кто наложил вето
web-vetoes-any-state = Любой постоянный член
web-vetoes-from = С
web-vetoes-to = По
web-vetoes-apply = Показать
web-vetoes-dates-hint = Год (2022) или дата (2022-02-25); «с» года означает с 1 января, «по» год — до 31 декабря.
web-vetoes-sources = Запись содержит те вето, что есть в её источниках: архив Совета Безопасности приводит только принятые резолюции, поэтому вето здесь — из проверенных голосований 2014–2025 годов и из заседаний, проведённых здесь. Проект не принят из-за вето, когда он получил не менее девяти голосов «за», а постоянный член голосовал против (Устав, статья 27(3)).
web-vetoes-count = { $count ->
    [0] В записи нет вето по этим фильтрам
   *[other] { $count } вето
}
web-vetoes-count-by = { $count ->
    [0] { $state }: в записи нет вето по этим фильтрам
   *[other] { $state }: { $count } вето
}
web-vetoes-amendment = Поправка
web-vetoes-col-by = Кто наложил вето
web-vetoes-col-tally = Голосование
web-vetoes-tally = { $yes } «за», { $no } «против», { $abstain } воздержались
web-vetoes-tally-partial = { $yes } «за»; число голосов «против» и воздержавшихся в записи не приводится
web-meeting-coverage = Обзор заседания
web-meeting-decisions = Решения этого заседания
web-meeting-undetermined = Не определён
web-meeting-col-decision = Решение

# decision page: link to its meeting
web-decision-meeting-page = Заседание и его освещение
