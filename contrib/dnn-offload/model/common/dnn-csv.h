/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_CSV_H
#define DNN_CSV_H

#include <string>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief One field of a CSV file, per RFC 4180: quoted when it holds a comma, a double
 *        quote, a carriage return or a line feed (its double quotes doubled), else as is.
 *
 * Every CSV file the tools write (tasks.csv, requests.csv, transfers.csv, energy.csv,
 * comparison.csv) writes its text fields through this function, so a model, layer or device
 * name with a comma or a newline reads back whole (pandas.read_csv, Python's csv module).
 * \param text the field's text \return the field as written
 */
std::string DnnCsvField(const std::string& text);

} // namespace ns3

#endif /* DNN_CSV_H */
