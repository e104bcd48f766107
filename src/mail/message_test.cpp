#include "mail/message.hpp"
#include <gtest/gtest.h>

using namespace kenes::mail;

TEST(Mail, Base64MatchesRfc4648Vectors)
{
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
}

TEST(Mail, SubjectsInKazakhAreEncodedWordsThatNeverSplitALetter)
{
    EXPECT_EQ(encode_header("Kenes notice"), "Kenes notice");
    std::string kk = "Кеңес: «Студенттік үкімет» органының отырысы өткізілмеген, алты айдан астам уақыт өтті";
    std::string encoded = encode_header(kk);
    ASSERT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
    // Each encoded word is at most 75 characters and decodes to whole UTF-8 characters.
    size_t pos = 0;
    std::string rebuilt;
    while ((pos = encoded.find("=?UTF-8?B?", pos)) != std::string::npos) {
        size_t end = encoded.find("?=", pos + 10);
        EXPECT_LE(end + 2 - pos, 75u);
        std::string b64 = encoded.substr(pos + 10, end - pos - 10);
        // Decode by re-encoding candidates is overkill; check the first byte of each word's text is not a continuation byte.
        static const std::string table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        unsigned first = unsigned(table.find(b64[0])) << 2 | unsigned(table.find(b64[1])) >> 4;
        EXPECT_NE(first & 0xC0, 0x80u);
        pos = end;
    }
}

TEST(Mail, AddressesThatCouldInjectHeadersAreRefused)
{
    EXPECT_TRUE(plausible_address("aliya@college.kz"));
    EXPECT_FALSE(plausible_address("aliya@college.kz\r\nBcc: x@y.kz"));
    EXPECT_FALSE(plausible_address("a@b@c"));
    EXPECT_FALSE(plausible_address("<a@b.kz>"));
    EXPECT_FALSE(plausible_address("nobody"));
}

TEST(Mail, RenderedMessageIsHeadersBlankLineAndBase64Body)
{
    Message m { "Kenes <no-reply@kenes.kz>", "aliya@college.kz", "Хабарлама", "Сәлем!", 1'795'000'000'000, "<1@kenes>" };
    auto text = render(m);
    EXPECT_NE(text.find("To: <aliya@college.kz>\r\n"), std::string::npos);
    EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos);
    EXPECT_NE(text.find("\r\n\r\n" + base64("Сәлем!") + "\r\n"), std::string::npos);
    EXPECT_NE(text.find("Date: Wed, 18 Nov 2026 11:06:40 +0000"), std::string::npos) << text;
}

TEST(Mail, AnAttachmentMakesAMultipartMessageWithTheCalendarAsItsOwnPart)
{
    Message m { "Kenes <no-reply@kenes.kz>", "aliya@college.kz", "Отырыс", "Сәлем!", 1'795'000'000'000, "<notice-7@kenes>",
        { { "session.ics", "text/calendar; charset=UTF-8; method=PUBLISH", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" } } };
    auto text = render(m);
    std::string boundary = "=_kenes_notice7kenes";
    EXPECT_NE(text.find("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"), std::string::npos) << text;
    // The text part first, then the calendar, then the closing boundary.
    auto text_part = text.find("--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64("Сәлем!") + "\r\n");
    auto calendar = text.find("--" + boundary + "\r\nContent-Type: text/calendar; charset=UTF-8; method=PUBLISH; name=\"session.ics\"\r\n"
                              "Content-Disposition: attachment; filename=\"session.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n") + "\r\n");
    auto end = text.find("--" + boundary + "--\r\n");
    ASSERT_NE(text_part, std::string::npos) << text;
    ASSERT_NE(calendar, std::string::npos) << text;
    ASSERT_NE(end, std::string::npos);
    EXPECT_LT(text_part, calendar);
    EXPECT_LT(calendar, end);
    // Without attachments the message stays a single text/plain part.
    m.attachments.clear();
    EXPECT_EQ(render(m).find("multipart"), std::string::npos);
}
