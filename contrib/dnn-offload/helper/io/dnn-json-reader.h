/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_JSON_READER_H
#define DNN_JSON_READER_H

#include "ns3/dnn-did-you-mean.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Strict, path-aware reading of one value of a JSON document.
 *
 * Every loader (models, scenarios, instances) reads through this class so that every
 * complaint names the file and the JSON pointer of the value ("/layers/3/kernel") and
 * throws DnnInputError. Objects are checked for unknown keys, with a did-you-mean
 * suggestion.
 */
class DnnJsonReader
{
  public:
    /**
     * \brief Read a whole file.
     * \param file path of a JSON file
     * \return the document; throws DnnInputError if the file cannot be read, is not valid
     *         JSON (with line and column) or repeats a key in an object
     */
    static nlohmann::json ParseFile(const std::string& file);
    /**
     * \brief Read a whole input file as bytes: the one place the tools open their inputs.
     *
     * Only regular files (or links to them) are read: a directory gives "is a directory", a
     * FIFO, socket or device (/dev/zero) "is not a regular file", without blocking (the file
     * is opened with O_NONBLOCK and checked with fstat before any read). A file larger than
     * MaxInputBytes() is refused before it is read.
     * \param file path of the file
     * \return its content; throws DnnInputError naming \p file
     */
    static std::string ReadInputFile(const std::string& file);
    /**
     * \brief The largest input file read, bytes: 64 MiB, or the environment variable
     *        DNN_MAX_INPUT_BYTES (a positive integer of bytes).
     * \return the limit; throws DnnInputError if DNN_MAX_INPUT_BYTES is not a positive
     *         integer
     */
    static uint64_t MaxInputBytes();
    /**
     * \brief Parse JSON text.
     * \param text the text
     * \param file name to use in messages
     * \return the document (throws DnnInputError as ParseFile)
     */
    static nlohmann::json ParseText(const std::string& text, const std::string& file);

    /**
     * \brief View a value.
     * \param value the value (must outlive the reader)
     * \param file file name for messages
     * \param path JSON pointer of the value ("" for the document root)
     */
    DnnJsonReader(const nlohmann::json& value, std::string file, std::string path = "");

    /** \brief The viewed value. \return the JSON value */
    const nlohmann::json& Value() const;
    /** \brief JSON pointer of the value. \return the path */
    const std::string& Path() const;
    /** \brief File name. \return the file */
    const std::string& File() const;

    /**
     * \brief Require an object whose keys are all in \p allowed and which has every key
     *        in \p required.
     * \param required keys that must be present
     * \param optional further keys that may be present
     */
    void ExpectObject(const std::vector<std::string>& required,
                      const std::vector<std::string>& optional = {}) const;
    /** \brief Whether the (object) value has a key. \param key the key \return true if so */
    bool Has(const std::string& key) const;
    /** \brief The member \p key (must exist). \param key the key \return its reader */
    DnnJsonReader operator[](const std::string& key) const;
    /** \brief Require an array. \param minSize smallest allowed length
     *  \return the element readers */
    std::vector<DnnJsonReader> Elements(std::size_t minSize = 0) const;

    /** \brief This value as a string. \return the string */
    std::string AsString() const;
    /** \brief This value as a non-empty string. \return the string */
    std::string AsName() const;
    /** \brief This value as a boolean. \return the boolean */
    bool AsBool() const;
    /** \brief This value as an integer in [min, max]. \param min lowest allowed
     *  \param max highest allowed \return the integer */
    int64_t AsInt(int64_t min, int64_t max) const;
    /** \brief This value as a positive integer (at most 2^40). \return the integer */
    uint64_t AsPositive() const;
    /** \brief This value as a finite number in [min, max]. \param min lowest allowed
     *  \param max highest allowed \return the number */
    double AsNumber(double min, double max) const;
    /** \brief A positive integer or a list of two, as (height, width).
     *  \return the pair */
    std::array<uint64_t, 2> AsPositivePair() const;
    /** \brief A non-negative integer or a list of two, as (height, width).
     *  \return the pair */
    std::array<uint64_t, 2> AsNonNegativePair() const;
    /** \brief This value as one of \p choices. \param choices the allowed strings
     *  \return the string */
    std::string AsChoice(const std::vector<std::string>& choices) const;

    /** \brief Throw a DnnInputError about this value. \param detail what is wrong */
    [[noreturn]] void Fail(const std::string& detail) const;

    /** \brief A short quote of the value for messages ("\"100Mbs\"", "-1", "an object").
     *  \return the text */
    std::string Quote() const;

  private:
    const nlohmann::json* m_value; //!< the viewed value
    std::string m_file;            //!< file name
    std::string m_path;            //!< JSON pointer
};

} // namespace ns3

#endif /* DNN_JSON_READER_H */
