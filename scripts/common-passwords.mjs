#!/usr/bin/env node
// Writes web/locales/common-passwords.txt: the passwords guessed first, which Kenes refuses
// (src/security/password_policy.cpp). The server compares case-insensitively and also strips
// digits and signs around a word ("Qwerty2026!" -> "qwerty"), so the list holds the words and the
// best-known whole passwords; suffixed forms are kept for the most common words only, as
// documentation of what is refused and for tools that read the list verbatim.
//
// Sources: the well-known published top lists (the same few hundred passwords head every leak),
// words and names common in Kazakhstan and Russia (in Cyrillic and in the Latin spellings people
// type), keyboard walks on the Latin and Russian layouts, and digit patterns.
// Run: node scripts/common-passwords.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const words = (s) => s.split(/\s+/).filter(Boolean);

// The heads of the published lists, in roughly their order.
const top = words(`
123456 password 123456789 12345678 12345 1234567 qwerty abc123 111111 123123 1234567890 1234 password1
iloveyou 000000 qwerty123 1q2w3e4r admin qwertyuiop 654321 555555 lovely 7777777 welcome 888888 princess
dragon password123 123qwe 666666 1qaz2wsx sunshine master football monkey letmein shadow baseball superman
michael trustno1 jesus ninja mustang starwars hello freedom whatever qazwsx solo batman zaq1zaq1 access charlie
donald aa123456 987654321 121212 flower hottie loveme passw0rd ashley bailey 1qaz2wsx3edc zxcvbnm asdfghjkl
azerty 112233 159753 147258369 123321 11111111 1111111111 12341234 1234qwer q1w2e3r4 q1w2e3r4t5 1q2w3e
1q2w3e4r5t 1q2w3e4r5t6y qwe123 asd123 zxc123 computer internet samsung nokia google apple soccer hockey
killer jordan jennifer hunter buster harley ranger thomas robert daniel andrew joshua matthew jessica
michelle nicole pepper ginger cookie chocolate summer winter spring autumn secret love lovelove iloveu
forever family friends angel angels babygirl butterfly purple orange yellow black silver golden diamond
money cheese chicken pokemon naruto minecraft fortnite roblox tiktok instagram facebook youtube whatsapp
telegram vkontakte odnoklassniki yandex rambler mailru gmail hotmail outlook qwerty1 qwerty12 qwerty1234
qwertyu qwertyui asdfgh asdfghj zxcvbn zxcvb qwert asdf zxcv 1qazxsw2 zaq12wsx xsw2zaq1 qweasd qweasdzxc
asdqwe 123asd 123zxc abcd1234 abcdef abcdefg abcdefgh a1b2c3 a1b2c3d4 aaaaaa aaaaaaaa qqqqqq 1a2b3c
passpass pass1234 pass123 password12 password1234 password2 pass mypassword newpassword yourpassword
changeme default guest test test123 test1234 testing user user123 root toor administrator admin123 admin1234
administrator1 login login123 letmein123 welcome1 welcome123 hello123 hellohello iloveyou1 iloveyou2
trustme blink182 superstar rockstar princess1 sunshine1 monkey123 dragon123 football1 baseball1 shadow123
master123 killer123 jordan23 michael1 charlie1 maggie buddy sophie tigger tiger lion eagle falcon phoenix
matrix hacker hack cyber gamer player game games gaming dota dota2 counterstrike csgo warcraft starcraft
skyrim zelda mario sonic pikachu batman1 spiderman ironman avengers marvel hulk thor loki joker
harrypotter hogwarts gandalf frodo starwars1 darthvader yoda jedi chewbacca snoopy garfield mickey
mickeymouse minnie donaldduck scooby simpsons homer bart cartman kenny southpark friends1 sherlock
liverpool chelsea arsenal manchester barcelona realmadrid juventus bayern messi ronaldo neymar
cristiano mbappe zidane beckham
`);

// Everyday English words that head the lists once a length rule forces longer passwords.
const english = words(`
letmeinnow whatever1 iloveyou123 sunflower rainbow unicorn dolphin elephant giraffe panther jaguar
butterfly1 strawberry blueberry pineapple watermelon banana cherry lemon peach mango coffee tea
beautiful gorgeous handsome sweetheart sweetie honey honeybee darling baby babyboy babydoll kitten
kitty puppy doggy doggie snowball snowflake starlight moonlight sunset sunrise midnight thunder
lightning storm hurricane tornado volcano ocean river mountain forest garden paradise heaven
blessed blessing faith hope grace peace freedom1 liberty justice victory champion champions winner
success destiny dreamer dreams imagine believe trust loyalty respect honor legend legendary
warrior soldier knight samurai ninja1 pirate viking spartan gladiator wizard magic magician
princess2 queen king kingdom prince emperor lady gentleman boss chief captain commander general
teacher student school college university science physics chemistry biology history english
mathematics football2 basketball volleyball tennis boxing karate judo wrestling swimming running
cycling skateboard snowboard hockey1 baseball2 soccer1 golf chess poker casino lucky lucky7
luckyme fortune treasure goldfish mercedes bmw audi toyota honda nissan porsche ferrari lamborghini
mustang1 corvette camaro harley1 yamaha suzuki kawasaki ducati
`);

// Russian words and names as typed in Latin letters.
const russianLatin = words(`
parol parol123 parolparol privet privet123 lyubov lubov ljubov lubimaya lyubimaya lubimiy solnce
solnyshko solnishko kotik kotenok zaika zayka malysh malishka nastya nastena natasha masha mashenka
dasha sasha sashka ivan ivanov dima dimon vova vovan sergey serega andrey andrei alexey aleksey
alexander aleksandr marina svetlana sveta tatiana tanya olga olya elena lena irina ira anna anya
maksim maxim artem artyom nikita denis roman pavel pasha kristina ksenia kseniya alina polina katya
ekaterina yulia yuliya julia vika viktoria victoria anastasia nadezhda lyudmila galina valentina
vladimir volodya mikhail misha nikolay kolya evgeniy zhenya dmitry dmitriy igor oleg anton ilya
kirill egor yegor stas stanislav vadim vitaliy vitaly yuriy yura konstantin kostya mama papa
mamapapa mamochka papochka babushka dedushka sestra brat drug podruga spartak zenit dinamo cska
lokomotiv rubin krasnodar moskva moscow rossiya russia piter peterburg kazan novosibirsk zvezda
medved volk lisa lisichka koshka sobaka sobachka tigr tigrenok lev orel sokol zhizn schaste
schastye radost nadezhda vera mechta angel angelok krasotka krasavica krasavchik lapochka
zolotko rybka ptichka kisa kiska pupsik pusik chebureshka cheburashka vinni matroskin prostokvashino
shrek nemo barbi barbie lolita lolipop konfeta shokolad morozhenoe klubnika malina vishnya
yabloko arbuz limon apelsin kartoshka kapusta borsch pelmeni vodka pivo samogon
qwertyasdf ytrewq qwaszx 1qaz 2wsx zaqxsw
`);

const russianCyrillic = words(`
пароль пароль123 парольпароль привет привет123 любовь любимая любимый солнце солнышко котик котенок
зайка заяц малыш малышка настя настена наташа маша машенька даша саша сашка иван иванов дима димон
вова сергей серега андрей алексей александр марина светлана света татьяна таня ольга оля елена
лена ирина ира анна аня максим артем артём никита денис роман павел паша кристина ксения алина
полина катя екатерина юлия юля вика виктория анастасия надежда людмила галина валентина владимир
михаил миша николай коля евгений женя дмитрий игорь олег антон илья кирилл егор мама папа мамапапа
мамочка папочка бабушка дедушка сестра брат друг подруга спартак зенит динамо москва россия питер
казань звезда медведь волк лиса кошка собака тигр лев орел сокол жизнь счастье радость мечта
ангел ангелок красотка красавица лапочка золотко рыбка птичка киска пупсик чебурашка конфета
шоколад клубника малина вишня яблоко апельсин йцукен йцукенг йцукенгш фыва фывапр фывапролд
ячсмит ячсмить qwerty йцукенгшщз ёлка ёжик
`);

// Kazakhstan: places, words and the first names most often given, in Latin and in Cyrillic.
const kazakhLatin = words(`
qazaqstan kazakhstan kazakstan qazaqstan2050 kazakhstan2050 kazakhstan2030 qazaq kazakh kazak kazakh1
almaty almaty123 alma-ata almaata astana nursultan shymkent chimkent karaganda qaragandy aktobe aqtobe
taraz pavlodar semey semipalatinsk oskemen ustkamenogorsk atyrau aktau aqtau kostanay qostanay kyzylorda
qyzylorda petropavl petropavlovsk turkestan turkistan zhezkazgan ekibastuz taldykorgan kokshetau
baikonur baiterek bayterek akorda ak-orda shanyrak shanyraq dombyra kumys qymyz beshbarmak nauryz
tenge kenes kenes123 mahabbat makhabbat sulu aru arujan aruzhan aigerim aizhan ayzhan dana dinara
asel assel aliya aliia aida aisulu zhanna gulnara gulnar saule madina kamila dariga akbota ayaulym
aiym aina ainur akmaral aknur altynai amina arailym ardak asem assem balnur botagoz dilnaz gaukhar
inkar kamshat karina lazzat meruyert moldir nazym nurgul saltanat sabina samal symbat togzhan
tomiris ulzhan zarina zhansaya zhuldyz nurlan yerlan erlan nurzhan daniyar daniar arman askar
bauyrzhan baurzhan berik dauren yerzhan erzhan aidos alibek almas asylbek azamat bolat marat miras
nurbol sanzhar temirlan timur yernar ernar zhandos sultan batyr abay abai abylai kenesary ablai
raiymbek bekzat didar dias diaz dimash islam ilyas mukhtar nurasyl nursultan1 olzhas rustem ruslan
serik talgat yerbol erbol yerkebulan zhanibek zhasulan bala balapan balam balakai kunsulu kunym
zhanym janym zhanymai jubanysh salem salemetsiz rakhmet rahmet rakmet sau bol kosh keldiniz ata apa
anam akem kokem agam apam ajeke ata-ana otan tauelsizdik bostandyk birlik yntymaq bereke baqyt
bakyt sattilik zhenis jenis qazaqtil kazaktili ulytau alatau koktobe medeu shymbulak charyn burabay
borovoe balkhash balqash kaspiy zhaiyk ertis irtysh ile syrdariya
`);

const kazakhCyrillic = words(`
қазақстан казахстан қазақ казах алматы астана нұрсұлтан шымкент қарағанды ақтөбе тараз павлодар
семей өскемен атырау ақтау қостанай қызылорда петропавл түркістан бәйтерек ақорда шаңырақ домбыра
қымыз бешбармақ наурыз теңге кеңес махаббат сұлу ару аружан айгерім айжан дана динара әсел әлия
аида айсұлу жанна гүлнара сәуле мадина камила дариға ақбота аяулым нұрлан ерлан нұржан данияр
арман асқар бауыржан берік дәурен ержан айдос әлібек алмас асылбек азамат болат марат мирас
нұрбол санжар темірлан тимур ернар жандос сұлтан батыр абай абылай бала балапан балам жаным
құлыным сәлем рахмет ата апа анам әкем отан тәуелсіздік бостандық бірлік береке бақыт жеңіс
менсенісүйемін сенісүйемін
`);

// Walks on the keyboard and digit patterns.
const patterns = words(`
qazwsxedc qazwsxedcrfv 1qaz2wsx3edc4rfv !qaz2wsx !qaz@wsx 1qaz@wsx zaq!2wsx qwertz qwertzuiop
qwerty12345 qwerty123456 qwertyuiop123 asdfghjkl123 zxcvbnm123 asdf1234 zxcv1234 qwer1234 1234asdf
1234zxcv poiuytrewq lkjhgfdsa mnbvcxz 0987654321 9876543210 147258 147258369 159357 159357456
741852963 963852741 789456123 456123 123654 123654789 852456 258456 147852369 321654987 951753
753951 852963 369258147 1212121212 1231231231 123123123 12121212 01010101 0102030405 1020304050
5201314 520520 1314520 11223344 112233445566 121314 123abc abc12345 abcde12345 1qa2ws3ed
q1w2e3 q1w2e3r4t5y6 1q1q1q1q zaq1xsw2 xsw21qaz 2wsx3edc 3edc4rfv qweqwe asdasd zxczxc 123qweasd
qweasd123 1q2w3e4r5 1q2w3e4r5t6 aq1sw2de3 password! p@ssw0rd p@ssword passw0rd1 pa55word pa$$word
`);

// Digit passwords: one digit repeated, runs, doubled numbers and the years people use.
const digits = [];
for (let d = 0; d <= 9; d++) for (let n = 4; n <= 12; n++) digits.push(String(d).repeat(n));
for (let n = 4; n <= 10; n++) digits.push('1234567890'.slice(0, n), '0987654321'.slice(0, n), '9876543210'.slice(0, n));
for (let y = 1960; y <= 2026; y++) digits.push(String(y), `${y}${y}`, `01011${String(y).slice(-3)}`.slice(-8));
for (let n = 100; n <= 999; n += 111) digits.push(String(n).repeat(2), String(n).repeat(3));

// The commonest words once more with the suffixes people add to reach a length rule.
const suffixes = ['1', '12', '123', '1234', '12345', '123456', '!', '1!', '123!', '2024', '2025', '2026', '01', '007', '777'];
const decorated = [];
for (const w of [...top.slice(0, 80), ...russianLatin.slice(0, 30), ...kazakhLatin.slice(0, 30)]) {
  if (!/[a-z]/i.test(w)) continue;
  for (const s of suffixes) decorated.push(w + s);
  decorated.push(w.charAt(0).toUpperCase() + w.slice(1) + '1');
}

const seen = new Set();
const out = [];
for (const w of [...top, ...english, ...russianLatin, ...russianCyrillic, ...kazakhLatin, ...kazakhCyrillic, ...patterns, ...digits, ...decorated]) {
  const key = w.toLowerCase();
  if (seen.has(key)) continue;
  seen.add(key);
  out.push(key);
}

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, '..', 'web', 'locales', 'common-passwords.txt');
writeFileSync(file, `# Common passwords refused by Kenes (generated by scripts/common-passwords.mjs; one a line, compared case-insensitively).\n${out.join('\n')}\n`);
console.log(`${out.length} entries written to ${file}`);
