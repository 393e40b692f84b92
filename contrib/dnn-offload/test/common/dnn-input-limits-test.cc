/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Issue 15: input files that are not ordinary small text (DnnJsonReader::ReadInputFile),
 * control characters in messages (DnnEscapeControl) and CSV fields (DnnCsvField).
 */
#include "ns3/dnn-csv.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-json-reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace ns3;
namespace fs = std::filesystem;

namespace
{

/** A fresh temporary folder, removed at the end of the test. */
class InputLimitsTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        std::string pattern = (fs::temp_directory_path() / "dnn-input-limits-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
    }

    void TearDown() override
    {
        unsetenv("DNN_MAX_INPUT_BYTES");
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }

    /** The message ReadInputFile throws for \p file ("" if none). */
    static std::string ReadError(const std::string& file)
    {
        try
        {
            DnnJsonReader::ReadInputFile(file);
        }
        catch (const DnnInputError& e)
        {
            return e.what();
        }
        return "";
    }

    fs::path m_dir; //!< the folder
};

} // namespace

TEST_F(InputLimitsTest, ReadsARegularFile)
{
    std::ofstream(m_dir / "a.json") << "{\"x\": 1}";
    EXPECT_EQ(DnnJsonReader::ReadInputFile((m_dir / "a.json").string()), "{\"x\": 1}");
    fs::create_symlink(m_dir / "a.json", m_dir / "link.json");
    EXPECT_EQ(DnnJsonReader::ReadInputFile((m_dir / "link.json").string()), "{\"x\": 1}");
}

TEST_F(InputLimitsTest, RefusesWhatIsNotARegularFileWithoutBlocking)
{
    const std::string fifo = (m_dir / "fifo.json").string();
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(ReadError(fifo), fifo + ": is not a regular file (a FIFO); give a JSON file");
    EXPECT_EQ(ReadError("/dev/zero"),
              "/dev/zero: is not a regular file (a character device); give a JSON file");
    EXPECT_EQ(ReadError(m_dir.string()), m_dir.string() + ": is a directory, not a JSON file");
    EXPECT_EQ(ReadError((m_dir / "absent.json").string()),
              (m_dir / "absent.json").string() +
                  ": cannot open the file (No such file or directory)");
}

TEST_F(InputLimitsTest, SizeLimitDefaultAndSettable)
{
    EXPECT_EQ(DnnJsonReader::MaxInputBytes(), 64u << 20);
    const std::string sparse = (m_dir / "sparse.json").string();
    std::ofstream(sparse) << "{}";
    fs::resize_file(sparse, uint64_t{8} << 30); // 8 GiB, sparse: nothing is read
    EXPECT_EQ(ReadError(sparse), sparse + ": is 8589934592 bytes, more than the limit of 67108864 "
                                          "bytes (set DNN_MAX_INPUT_BYTES to raise it)");
    const std::string small = (m_dir / "small.json").string();
    std::ofstream(small) << "{\"name\": \"0123456789\"}";
    setenv("DNN_MAX_INPUT_BYTES", "10", 1);
    EXPECT_EQ(DnnJsonReader::MaxInputBytes(), 10u);
    EXPECT_NE(ReadError(small).find("more than the limit of 10 bytes"), std::string::npos);
    setenv("DNN_MAX_INPUT_BYTES", "1000", 1);
    EXPECT_EQ(ReadError(small), "");
    for (const char* bad : {"", "0", "-5", "1e6", "12abc", "99999999999999999999"})
    {
        setenv("DNN_MAX_INPUT_BYTES", bad, 1);
        EXPECT_NE(ReadError(small).find("environment variable DNN_MAX_INPUT_BYTES: must be a "
                                        "positive integer number of bytes"),
                  std::string::npos)
            << bad;
    }
}

TEST(EscapeControlTest, EscapesControlCharactersOnly)
{
    EXPECT_EQ(DnnEscapeControl("plain text, \"quoted\" \\ caf\xc3\xa9"),
              "plain text, \"quoted\" \\ caf\xc3\xa9");
    EXPECT_EQ(DnnEscapeControl("a\nb\rc\td"), "a\\nb\\rc\\td");
    EXPECT_EQ(DnnEscapeControl(std::string("a\0b", 3)), "a\\0b");
    EXPECT_EQ(DnnEscapeControl("\x1b[31mred\x7f\x01"), "\\x1b[31mred\\x7f\\x01");
    EXPECT_EQ(DnnEscapeControl("c1 \xc2\x9b"
                               "31m"),
              "c1 \\u009b31m");
}

TEST(EscapeControlTest, InputErrorMessageIsOneLine)
{
    const DnnInputError e("x.json", std::string("/a\nb\x1b\0c", 7),
                          std::string("unknown key \"a\nb\x1b\0c\"", 20));
    EXPECT_EQ(std::string(e.what()), "x.json: /a\\nb\\x1b\\0c: unknown key \"a\\nb\\x1b\\0c\"");
    // Through the reader: a key with a newline, an escape and a NUL.
    try
    {
        const auto doc = DnnJsonReader::ParseText("{\"na\\nme\\u001b\\u0000\": 1}", "x.json");
        DnnJsonReader(doc, "x.json").ExpectObject({}, {"name"});
        ADD_FAILURE() << "no error";
    }
    catch (const DnnInputError& error)
    {
        const std::string message = error.what();
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
        EXPECT_NE(message.find("unknown key \"na\\nme\\x1b\\0\""), std::string::npos) << message;
    }
}

TEST(CsvFieldTest, QuotesPerRfc4180)
{
    EXPECT_EQ(DnnCsvField("conv1"), "conv1");
    EXPECT_EQ(DnnCsvField(""), "");
    EXPECT_EQ(DnnCsvField("a,b"), "\"a,b\"");
    EXPECT_EQ(DnnCsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(DnnCsvField("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(DnnCsvField("cr\rhere"), "\"cr\rhere\"");
}

TEST(JsonNestingTest, DeepNestingIsRefusedAndWideObjectsParseFast)
{
    try
    {
        DnnJsonReader::ParseText(std::string(257, '[') + std::string(257, ']'), "x.json");
        ADD_FAILURE() << "no error";
    }
    catch (const DnnInputError& e)
    {
        EXPECT_EQ(e.Detail(), "objects and arrays nested more than 256 levels deep");
        EXPECT_EQ(e.JsonPath().rfind("/0/0/0", 0), 0u) << e.JsonPath();
    }
    EXPECT_NO_THROW(
        DnnJsonReader::ParseText(std::string(256, '[') + std::string(256, ']'), "x.json"));
    // 50,000 members that are objects: linear (nlohmann's callback parser was quadratic).
    std::string wide = "{";
    for (int i = 0; i < 50000; ++i)
    {
        wide += (i ? ", \"p" : "\"p") + std::to_string(i) + "\": {\"base\": \"x\"}";
    }
    wide += "}";
    const auto start = std::chrono::steady_clock::now();
    const auto doc = DnnJsonReader::ParseText(wide, "x.json");
    EXPECT_EQ(doc.size(), 50000u);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
    // A repeated key still named by its path.
    try
    {
        DnnJsonReader::ParseText("{\"a\": [1, {\"b\": 1, \"b\": 2}]}", "x.json");
        ADD_FAILURE() << "no error";
    }
    catch (const DnnInputError& e)
    {
        EXPECT_EQ(std::string(e.what()), "x.json: /a/1/b: this key appears twice in one object");
    }
}
