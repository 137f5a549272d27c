/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-sweep-results.h"

#include "vpn-sweep-stats.h"

#include "ns3/firewall-drop-reason.h"
#include "ns3/vpn-command-line.h"
#include "ns3/vpn-scenario.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ns3
{

namespace
{

/**
 * Reads one scenario JSON object with nlohmann's SAX parser into a run record: nested objects
 * flattened as parent.member, one level deep; numbers keep the text as written (SAX hands it
 * over), true and false read as 1 and 0; arrays and deeper nesting are refused.
 */
class RunRecordSax : public nlohmann::json_sax<nlohmann::json>
{
  public:
    /// \param record where the fields go
    explicit RunRecordSax(VpnRunRecord& record)
        : m_record(record)
    {
    }

    /// \return why the text was refused ("" when it was not)
    const std::string& Error() const
    {
        return m_error;
    }

    bool null() override
    {
        return Add(VpnJsonValue::NONE, "");
    }

    bool boolean(bool value) override
    {
        return Add(VpnJsonValue::NUMBER, value ? "1" : "0");
    }

    bool number_integer(number_integer_t value) override
    {
        return Add(VpnJsonValue::NUMBER, std::to_string(value));
    }

    bool number_unsigned(number_unsigned_t value) override
    {
        return Add(VpnJsonValue::NUMBER, std::to_string(value));
    }

    bool number_float(number_float_t /* value */, const string_t& text) override
    {
        return Add(VpnJsonValue::NUMBER, text);
    }

    bool string(string_t& value) override
    {
        return Add(VpnJsonValue::STRING, value);
    }

    bool binary(binary_t& /* value */) override
    {
        return Refuse("binary values are not JSON text");
    }

    bool start_object(std::size_t /* elements */) override
    {
        if (m_depth == 2)
        {
            return Refuse("objects nested deeper than one level");
        }
        if (m_depth == 1)
        {
            m_prefix = m_key + ".";
        }
        ++m_depth;
        return true;
    }

    bool key(string_t& value) override
    {
        m_key = value;
        return true;
    }

    bool end_object() override
    {
        --m_depth;
        m_prefix.clear();
        return true;
    }

    bool start_array(std::size_t /* elements */) override
    {
        return Refuse("arrays are not part of a run's JSON");
    }

    bool end_array() override
    {
        return true;
    }

    bool parse_error(std::size_t position,
                     const std::string& /* token */,
                     const nlohmann::detail::exception& e) override
    {
        // e.what() is one line: "[json.exception.parse_error.101] parse error at line 1, ..."
        const std::string what = e.what();
        const size_t text = what.find("] ");
        return Refuse((text == std::string::npos ? what : what.substr(text + 2)) + " (byte " +
                      std::to_string(position) + ")");
    }

  private:
    /**
     * \param kind the value's kind
     * \param text its text
     * \return true (go on), or false outside an object
     */
    bool Add(VpnJsonValue::Kind kind, const std::string& text)
    {
        if (m_depth == 0)
        {
            return Refuse("expected an object");
        }
        VpnJsonValue value;
        value.kind = kind;
        value.text = text;
        m_record.fields.emplace_back(m_prefix + m_key, value);
        return true;
    }

    /**
     * \param why the reason
     * \return false (stop)
     */
    bool Refuse(const std::string& why)
    {
        if (m_error.empty())
        {
            m_error = why;
        }
        return false;
    }

    VpnRunRecord& m_record; //!< where the fields go
    std::string m_error;    //!< the first reason to refuse
    std::string m_key;      //!< the member being read
    std::string m_prefix;   //!< "parent." inside a nested object
    int m_depth{0};         //!< objects open
};

/**
 * \param text a CSV field
 * \return it, quoted if it needs quotes
 */
std::string
CsvField(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
    {
        return text;
    }
    std::string out = "\"";
    for (char c : text)
    {
        out += (c == '"') ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

/**
 * \param key a flattened JSON key
 * \return its CSV column name (fw_drops.X becomes fw_drop_X, other nesting parent_member)
 */
std::string
ColumnOf(const std::string& key)
{
    std::string out = key.rfind("fw_drops.", 0) == 0 ? "fw_drop_" + key.substr(9) : key;
    for (char& ch : out)
    {
        ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    }
    return out;
}

/**
 * \param s a summary
 * \param field a key field
 * \return its value in s
 */
std::string
KeyValue(const VpnSweepSummary& s, const std::string& field)
{
    for (const auto& [name, value] : s.key)
    {
        if (name == field)
        {
            return value;
        }
    }
    return "";
}

/**
 * \param summaries configurations
 * \return the key fields whose value differs between them
 */
std::set<std::string>
VaryingFields(const std::vector<VpnSweepSummary>& summaries)
{
    std::set<std::string> varying;
    for (const auto& field : VpnSweepStats::KeyFields())
    {
        for (const auto& s : summaries)
        {
            if (KeyValue(s, field) != KeyValue(summaries.front(), field))
            {
                varying.insert(field);
            }
        }
    }
    return varying;
}

} // namespace

const VpnJsonValue*
VpnRunRecord::Find(const std::string& key) const
{
    for (const auto& field : fields)
    {
        if (field.first == key)
        {
            return &field.second;
        }
    }
    return nullptr;
}

double
VpnRunRecord::Number(const std::string& key, double fallback) const
{
    const VpnJsonValue* v = Find(key);
    if (v == nullptr || v->kind != VpnJsonValue::NUMBER)
    {
        return fallback;
    }
    return std::strtod(v->text.c_str(), nullptr);
}

std::string
VpnRunRecord::Text(const std::string& key) const
{
    const VpnJsonValue* v = Find(key);
    return v == nullptr ? "" : v->text;
}

bool
VpnSweepResults::ParseJson(const std::string& text, VpnRunRecord& record, std::string& error)
{
    record.fields.clear();
    RunRecordSax sax(record);
    const bool ok = nlohmann::json::sax_parse(text, &sax);
    error = sax.Error();
    return ok;
}

bool
VpnSweepResults::ReadFile(const std::string& path, VpnRunRecord& record, std::string& error)
{
    std::ifstream in(path);
    if (!in)
    {
        error = "cannot open " + path;
        return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (!ParseJson(text.str(), record, error))
    {
        error = path + ": " + error;
        return false;
    }
    record.source = path;
    return true;
}

std::vector<std::string>
VpnSweepResults::FindResultFiles(const std::string& dir)
{
    // Unreadable folders are skipped, as a missing one is: the caller checked the top one.
    std::vector<std::string> files;
    std::error_code error;
    const auto options = std::filesystem::directory_options::follow_directory_symlink;
    for (std::filesystem::recursive_directory_iterator it(dir, options, error), end;
         !error && it != end;
         it.increment(error))
    {
        const std::filesystem::path& path = it->path();
        if (path.extension() == ".json" && !it->is_directory(error))
        {
            files.push_back(path.string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

void
VpnSweepResults::Sort(std::vector<VpnRunRecord>& runs)
{
    std::stable_sort(runs.begin(), runs.end(), [](const VpnRunRecord& a, const VpnRunRecord& b) {
        const int c = VpnSweepStats::Compare(VpnSweepStats::KeyOf(a), VpnSweepStats::KeyOf(b));
        if (c != 0)
        {
            return c < 0;
        }
        return a.Number("run", 0) < b.Number("run", 0);
    });
}

std::vector<std::string>
VpnSweepResults::PromoteOverrides(std::vector<VpnRunRecord>& runs)
{
    // The scenario's own flags are columns already (VpnScenario::ParameterKeys); so are the seeds
    // (rng_seed, run).
    std::set<std::string> carried = {"RngRun", "RngSeed"};
    const TypeId tid = VpnScenario::GetTypeId();
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        carried.insert(VpnCommandLine::FlagOf(tid.GetAttribute(i).name));
    }
    std::vector<std::string> order;
    std::set<std::string> seen;
    for (const auto& run : runs)
    {
        for (const auto& [key, value] : run.fields)
        {
            if (key.rfind("config.", 0) == 0 && !carried.count(key.substr(7)) &&
                seen.insert(key).second)
            {
                order.push_back(key);
            }
        }
    }
    std::vector<std::string> columns;
    for (const auto& key : order)
    {
        std::string column = key.substr(7);
        if (column.rfind("ns3::", 0) == 0)
        {
            column = column.substr(5);
        }
        for (char& ch : column)
        {
            ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
        }
        const std::string::size_type twice = column.find("__");
        if (twice != std::string::npos)
        {
            column.erase(twice, 1); // CtcpCarrier__AckPolicy -> CtcpCarrier_AckPolicy
        }
        for (auto& run : runs)
        {
            if (run.Find(column) == nullptr)
            {
                VpnJsonValue value;
                value.kind = VpnJsonValue::STRING;
                value.text = run.Text(key);
                run.fields.emplace_back(column, value);
            }
        }
        columns.push_back(column);
    }
    VpnSweepStats::SetExtraKeyFields(columns);
    return columns;
}

void
VpnSweepResults::WriteRunsCsv(std::ostream& os, const std::vector<VpnRunRecord>& runs)
{
    // Columns: the union of keys in first-seen order (the same keys in every run of one module
    // version), except that the fw_drops members sit together where they appear: first every
    // reason the firewall can name, in its order, then any other a run names. The run's
    // "config" (every flag, for re-running it) stays in its JSON file: its ns-3 attributes are
    // columns after PromoteOverrides, and the scenario's flags are keys of their own.
    std::vector<std::string> drops;
    for (size_t r = 0; r < static_cast<size_t>(FirewallDropReason::COUNT); ++r)
    {
        drops.push_back("fw_drops." + FirewallDropReasonName(static_cast<FirewallDropReason>(r)));
    }
    std::vector<std::string> keys;
    std::set<std::string> seen(drops.begin(), drops.end());
    for (const auto& run : runs)
    {
        for (const auto& field : run.fields)
        {
            if (field.first.rfind("config.", 0) == 0)
            {
                continue;
            }
            const bool isDrop = field.first.rfind("fw_drops.", 0) == 0;
            if (isDrop && seen.insert(field.first).second)
            {
                drops.push_back(field.first);
            }
            const std::string slot = isDrop ? std::string("fw_drops.") : field.first;
            if (seen.insert(slot).second)
            {
                keys.push_back(slot);
            }
        }
    }
    std::vector<std::string> columns;
    for (const auto& key : keys)
    {
        if (key == "fw_drops.")
        {
            columns.insert(columns.end(), drops.begin(), drops.end());
        }
        else
        {
            columns.push_back(key);
        }
    }
    for (size_t i = 0; i < columns.size(); ++i)
    {
        os << (i ? "," : "") << CsvField(ColumnOf(columns[i]));
    }
    os << "\n";
    for (const auto& run : runs)
    {
        for (size_t i = 0; i < columns.size(); ++i)
        {
            const VpnJsonValue* v = run.Find(columns[i]);
            std::string text;
            if (v != nullptr)
            {
                text = v->text;
            }
            else if (columns[i].rfind("fw_drops.", 0) == 0)
            {
                text = "0";
            }
            os << (i ? "," : "") << CsvField(text);
        }
        os << "\n";
    }
}

std::string
VpnSweepResults::Format(double value)
{
    if (std::isnan(value))
    {
        return "";
    }
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.6g", value);
    return buffer;
}

void
VpnSweepResults::WriteSummaryCsv(std::ostream& os, const std::vector<VpnSweepSummary>& summaries)
{
    for (const auto& field : VpnSweepStats::KeyFields())
    {
        os << field << ",";
    }
    os << "n,level,survived,survival,survival_lo,survival_hi,availability,availability_lo,"
          "availability_hi,goodput_bps,goodput_lo,goodput_hi,failed,ttf_s,ttf_lo,ttf_hi\n";
    for (const auto& s : summaries)
    {
        for (const auto& [name, value] : s.key)
        {
            os << CsvField(value) << ",";
        }
        os << s.runs << "," << Format(VpnSweepStats::LEVEL) << "," << s.survived;
        for (const VpnInterval& i : {s.survival, s.availability, s.goodput})
        {
            os << "," << Format(i.mean) << "," << Format(i.lo) << "," << Format(i.hi);
        }
        os << "," << s.failed << "," << Format(s.ttf.mean) << "," << Format(s.ttf.lo) << ","
           << Format(s.ttf.hi) << "\n";
    }
}

void
VpnSweepResults::WriteTable(std::ostream& os, const std::vector<VpnSweepSummary>& summaries)
{
    if (summaries.empty())
    {
        os << "(no runs)\n";
        return;
    }
    const std::set<std::string> varying = VaryingFields(summaries);
    std::vector<std::string> header;
    std::string fixed;
    for (const auto& field : VpnSweepStats::KeyFields())
    {
        if (varying.count(field))
        {
            header.push_back(field);
        }
        else
        {
            // Wrapped at 100 columns: the scenario has some 26 parameters.
            const std::string item = field + "=" + KeyValue(summaries.front(), field);
            const size_t lineStart =
                fixed.rfind('\n') == std::string::npos ? 0 : fixed.rfind('\n') + 1;
            if (!fixed.empty() && fixed.size() - lineStart + 2 + item.size() > 93)
            {
                fixed += "\n       " + item;
            }
            else
            {
                fixed += (fixed.empty() ? "" : "  ") + item;
            }
        }
    }
    const size_t keyColumns = header.size();
    for (const char* h : {"runs",
                          "survival [95% CI]",
                          "availability [95% CI]",
                          "goodput Mb/s [95% CI]",
                          "ttf s [95% CI]"})
    {
        header.emplace_back(h);
    }
    auto withInterval = [](const VpnInterval& i, double scale) {
        if (std::isnan(i.mean))
        {
            return std::string("-");
        }
        std::ostringstream cell;
        cell << std::fixed << std::setprecision(scale == 1 ? 3 : 2) << i.mean * scale;
        if (!std::isnan(i.lo))
        {
            cell << " [" << i.lo * scale << ", " << i.hi * scale << "]";
        }
        return cell.str();
    };
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : summaries)
    {
        std::vector<std::string> row;
        for (const auto& field : VpnSweepStats::KeyFields())
        {
            if (varying.count(field))
            {
                row.push_back(KeyValue(s, field));
            }
        }
        row.push_back(std::to_string(s.runs));
        row.push_back(std::to_string(s.survived) + "/" + std::to_string(s.runs) + " " +
                      withInterval(s.survival, 1));
        row.push_back(withInterval(s.availability, 1));
        row.push_back(withInterval(s.goodput, 1e-6));
        row.push_back(s.failed == 0 ? "-" : withInterval(s.ttf, 1));
        rows.push_back(row);
    }
    std::vector<size_t> width(header.size(), 0);
    for (size_t i = 0; i < header.size(); ++i)
    {
        width[i] = header[i].size();
        for (const auto& row : rows)
        {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    if (!fixed.empty())
    {
        os << "fixed: " << fixed << "\n";
    }
    auto line = [&](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i)
        {
            // Key columns left-aligned, numbers right-aligned.
            os << (i ? "  " : "") << (i < keyColumns ? std::left : std::right)
               << std::setw(static_cast<int>(width[i])) << cells[i];
        }
        os << std::right << "\n";
    };
    line(header);
    for (const auto& row : rows)
    {
        line(row);
    }
}

} // namespace ns3
