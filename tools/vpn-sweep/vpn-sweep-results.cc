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
 * over), true and false read as 1 and 0; a member that is an array of strings becomes two
 * fields, KEY (the strings joined with "; ") and KEY_count; other arrays and deeper nesting are
 * refused.
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
        if (m_inArray)
        {
            m_items.push_back(value);
            return true;
        }
        return Add(VpnJsonValue::STRING, value);
    }

    bool binary(binary_t& /* value */) override
    {
        return Refuse("binary values are not JSON text");
    }

    bool start_object(std::size_t /* elements */) override
    {
        if (m_inArray)
        {
            return Refuse("arrays hold only strings (" + m_key + ")");
        }
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
        if (m_depth != 1 || m_inArray)
        {
            return Refuse("arrays are read only as members of the run's object, of strings");
        }
        m_inArray = true;
        m_items.clear();
        return true;
    }

    bool end_array() override
    {
        m_inArray = false;
        std::string joined;
        for (const auto& item : m_items)
        {
            joined += (joined.empty() ? "" : "; ") + item;
        }
        const std::string key = m_key;
        Add(VpnJsonValue::STRING, joined);
        m_key = key + "_count";
        return Add(VpnJsonValue::NUMBER, std::to_string(m_items.size()));
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
        if (m_inArray)
        {
            return Refuse("arrays hold only strings (" + m_key + ")");
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

    VpnRunRecord& m_record;           //!< where the fields go
    std::string m_error;              //!< the first reason to refuse
    std::string m_key;                //!< the member being read
    std::string m_prefix;             //!< "parent." inside a nested object
    int m_depth{0};                   //!< objects open
    bool m_inArray{false};            //!< inside an array (of strings)
    std::vector<std::string> m_items; //!< the array's strings so far
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

std::string
VpnSweepResults::AttributeColumn(const std::string& name)
{
    std::string column = name.rfind("ns3::", 0) == 0 ? name.substr(5) : name;
    for (char& ch : column)
    {
        ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    }
    const std::string::size_type twice = column.find("__");
    if (twice != std::string::npos)
    {
        column.erase(twice, 1); // CtcpCarrier__AckPolicy -> CtcpCarrier_AckPolicy
    }
    return column;
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
        const std::string column = AttributeColumn(key.substr(7));
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

namespace
{

/**
 * \param s a summary
 * \return what its baseline column says: "" without --baseline, "self" for a baseline, its
 * baseline's KEY=VALUE, or "none" when no configuration is its baseline
 */
std::string
BaselineOf(const VpnSweepSummary& s)
{
    const VpnSweepPaired& p = s.paired;
    if (p.baseline.empty())
    {
        return "";
    }
    return p.isBaseline ? "self" : (p.hasBaseline ? p.baseline : "none");
}

/**
 * The text of a summary's cells: a mean and its interval, with the marks the table's notes
 * explain (a set of the marks used).
 */
class TableCells
{
  public:
    /**
     * \param i an interval
     * \param scale multiply by
     * \param precision decimals
     * \param horizon printed as ">horizon" for a NaN bound of a defined mean (a median)
     * \return "mean [lo, hi]", "mean [n<2]", "mean [lo, hi]=" (zero width), ">T" or "n/a"
     */
    std::string Cell(const VpnInterval& i, double scale, int precision, double horizon = NAN)
    {
        if (i.n == 0)
        {
            m_marks.insert("n/a");
            return "n/a";
        }
        auto number = [&](double x) {
            if (std::isnan(x))
            {
                m_marks.insert(">");
                return ">" + Fixed(horizon, 0, 1);
            }
            return Fixed(x, precision, scale);
        };
        if (std::isnan(i.mean) && std::isnan(i.lo))
        {
            return number(i.mean);
        }
        std::string cell = number(i.mean);
        if (i.n < 2 && std::isnan(i.lo) && std::isnan(i.hi))
        {
            m_marks.insert("n<2");
            return cell + " [n<2]";
        }
        cell += " [" + number(i.lo) + ", " + number(i.hi) + "]";
        if (i.lo == i.hi)
        {
            m_marks.insert("=");
            cell += "=";
        }
        return cell;
    }

    /**
     * \param mark a mark ("n/a", "n<2", "=", ">")
     * \return true if a cell used it
     */
    bool Used(const std::string& mark) const
    {
        return m_marks.count(mark) > 0;
    }

  private:
    /**
     * \param x a number
     * \param precision decimals
     * \param scale multiply by
     * \return it, fixed-point
     */
    static std::string Fixed(double x, int precision, double scale)
    {
        std::ostringstream text;
        text << std::fixed << std::setprecision(precision) << x * scale;
        // A value that rounds to zero prints as 0, not -0.00.
        const std::string out = text.str();
        return out.find_first_of("123456789") == std::string::npos && out[0] == '-' ? out.substr(1)
                                                                                    : out;
    }

    std::set<std::string> m_marks; //!< the marks used
};

/**
 * Write rows as aligned columns: key columns left-aligned, numbers right-aligned.
 * \param os where
 * \param rows the header, then the rows
 * \param keyColumns how many columns are keys
 */
void
WriteAligned(std::ostream& os, const std::vector<std::vector<std::string>>& rows, size_t keyColumns)
{
    std::vector<size_t> width(rows.front().size(), 0);
    for (const auto& row : rows)
    {
        for (size_t i = 0; i < row.size(); ++i)
        {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    for (const auto& row : rows)
    {
        std::ostringstream line;
        for (size_t i = 0; i < row.size(); ++i)
        {
            line << (i ? "  " : "") << (i < keyColumns ? std::left : std::right)
                 << std::setw(static_cast<int>(width[i])) << row[i];
        }
        const std::string text = line.str();
        os << text.substr(0, text.find_last_not_of(' ') + 1) << "\n";
    }
}

/**
 * Write a note, wrapped at 100 columns (continuation lines indented by two).
 * \param os where
 * \param text the note, one paragraph
 */
void
WriteNote(std::ostream& os, const std::string& text)
{
    std::istringstream words(text);
    std::string word;
    size_t column = 0;
    while (words >> word)
    {
        if (column > 0 && column + 1 + word.size() > 100)
        {
            os << "\n ";
            column = 1;
        }
        os << (column > 0 ? " " : "") << word;
        column += (column > 0 ? 1 : 0) + word.size();
    }
    os << "\n";
}

} // namespace

void
VpnSweepResults::WriteSummaryCsv(std::ostream& os, const std::vector<VpnSweepSummary>& summaries)
{
    for (const auto& field : VpnSweepStats::KeyFields())
    {
        os << field << ",";
    }
    os << "n,level,survived,survival,survival_lo,survival_hi,availability,availability_lo,"
          "availability_hi,goodput_bps,goodput_lo,goodput_hi,data_availability_n,"
          "data_availability,data_availability_lo,data_availability_hi,detected,detection_s,"
          "detection_lo,detection_hi,horizon_s,failed,ttf_median_s,ttf_median_lo,ttf_median_hi,"
          "ttf_rmst_s,ttf_rmst_lo,ttf_rmst_hi,stall_n,stalled,stall_median_s,stall_median_lo,"
          "stall_median_hi,stall_rmst_s,stall_rmst_lo,stall_rmst_hi,warned,baseline,pairs,"
          "availability_diff,availability_diff_lo,availability_diff_hi,data_availability_diff,"
          "data_availability_diff_lo,data_availability_diff_hi,goodput_diff,goodput_diff_lo,"
          "goodput_diff_hi,ttf_diff,ttf_diff_lo,ttf_diff_hi,stall_diff,stall_diff_lo,"
          "stall_diff_hi\n";
    auto interval = [&os](const VpnInterval& i) {
        os << "," << Format(i.mean) << "," << Format(i.lo) << "," << Format(i.hi);
    };
    for (const auto& s : summaries)
    {
        for (const auto& [name, value] : s.key)
        {
            os << CsvField(value) << ",";
        }
        os << s.runs << "," << Format(VpnSweepStats::LEVEL) << "," << s.survived;
        interval(s.survival);
        interval(s.availability);
        interval(s.goodput);
        os << "," << s.dataAvailability.n;
        interval(s.dataAvailability);
        os << "," << s.detection.n;
        interval(s.detection);
        os << "," << (s.ttf.n > 0 ? Format(s.ttf.horizon) : "") << "," << s.ttf.events;
        interval(s.ttf.median);
        interval(s.ttf.restrictedMean);
        os << "," << s.stall.n << "," << s.stall.events;
        interval(s.stall.median);
        interval(s.stall.restrictedMean);
        const VpnSweepPaired& p = s.paired;
        os << "," << s.warned << "," << CsvField(BaselineOf(s)) << ","
           << (p.hasBaseline ? std::to_string(p.pairs) : "");
        for (const VpnInterval& i : {p.availability, p.dataAvailability, p.goodput, p.ttf, p.stall})
        {
            interval(i);
        }
        os << "\n";
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
    std::vector<std::string> keys;
    std::string fixed;
    for (const auto& field : VpnSweepStats::KeyFields())
    {
        if (varying.count(field))
        {
            keys.push_back(field);
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
    if (!fixed.empty())
    {
        os << "fixed: " << fixed << "\n";
    }
    auto keyCells = [&keys](const VpnSweepSummary& s) {
        std::vector<std::string> row;
        for (const auto& field : keys)
        {
            row.push_back(KeyValue(s, field));
        }
        return row;
    };

    // The summaries: n, then each metric's mean and 95 % interval.
    TableCells cells;
    std::vector<std::vector<std::string>> rows{keys};
    for (const char* h : {"n",
                          "survival",
                          "availability",
                          "data availability",
                          "goodput Mb/s",
                          "detection s",
                          "ttf median s",
                          "ttf rmst s",
                          "stall median s",
                          "stall rmst s",
                          "warned"})
    {
        rows.front().emplace_back(h);
    }
    std::vector<std::string> warnings;
    bool anyBaseline = false;
    for (const auto& s : summaries)
    {
        std::vector<std::string> row = keyCells(s);
        row.push_back(std::to_string(s.runs));
        row.push_back(std::to_string(s.survived) + "/" + std::to_string(s.runs) + " " +
                      cells.Cell(s.survival, 1, 3));
        row.push_back(cells.Cell(s.availability, 1, 3));
        row.push_back(cells.Cell(s.dataAvailability, 1, 3));
        row.push_back(cells.Cell(s.goodput, 1e-6, 2));
        row.push_back(cells.Cell(s.detection, 1, 1));
        row.push_back(cells.Cell(s.ttf.median, 1, 1, s.ttf.horizon));
        row.push_back(cells.Cell(s.ttf.restrictedMean, 1, 1));
        row.push_back(cells.Cell(s.stall.median, 1, 1, s.stall.horizon));
        row.push_back(cells.Cell(s.stall.restrictedMean, 1, 1));
        row.push_back(s.warned > 0 ? "!" + std::to_string(s.warned) : "");
        rows.push_back(row);
        for (const auto& w : s.warnings)
        {
            if (std::find(warnings.begin(), warnings.end(), w) == warnings.end())
            {
                warnings.push_back(w);
            }
        }
        anyBaseline = anyBaseline || !s.paired.baseline.empty();
    }
    WriteAligned(os, rows, keys.size());

    // The paired differences against the baseline, when one was asked for.
    if (anyBaseline)
    {
        os << "\n";
        WriteNote(os,
                  "paired differences C - B against B, the configuration with " +
                      summaries.front().paired.baseline +
                      " (run r of C with run r of B: the same random numbers); mean [95% "
                      "paired t interval]:");
        std::vector<std::vector<std::string>> paired{keys};
        for (const char* h : {"pairs",
                              "availability",
                              "data availability",
                              "goodput Mb/s",
                              "ttf restricted s",
                              "stall restricted s"})
        {
            paired.front().emplace_back(h);
        }
        size_t unmatched = 0;
        for (const auto& s : summaries)
        {
            const VpnSweepPaired& p = s.paired;
            std::vector<std::string> row = keyCells(s);
            if (!p.hasBaseline && !p.isBaseline)
            {
                ++unmatched; // summed up below the table
                continue;
            }
            if (!p.hasBaseline)
            {
                row.push_back("baseline");
                row.resize(paired.front().size(), "");
                paired.push_back(row);
                continue;
            }
            row.push_back(std::to_string(p.pairs));
            row.push_back(cells.Cell(p.availability, 1, 3));
            row.push_back(cells.Cell(p.dataAvailability, 1, 3));
            row.push_back(cells.Cell(p.goodput, 1e-6, 2));
            row.push_back(cells.Cell(p.ttf, 1, 1));
            row.push_back(cells.Cell(p.stall, 1, 1));
            paired.push_back(row);
        }
        WriteAligned(os, paired, keys.size());
        if (unmatched > 0)
        {
            WriteNote(os,
                      std::to_string(unmatched) + " configuration" + (unmatched > 1 ? "s" : "") +
                          " without a baseline (no configuration of the same key with " +
                          summaries.front().paired.baseline + ") not shown.");
        }
    }

    // What the cells mean.
    os << "\n";
    WriteNote(os,
              "n: runs of the configuration; every interval is at level " +
                  Format(VpnSweepStats::LEVEL) +
                  ". survival: Wilson interval. availability, data availability: Student t, "
                  "clipped to [0, 1]; goodput, detection (over the runs that detected): Student "
                  "t, clipped to >= 0. ttf, stall: Kaplan-Meier, runs without the event "
                  "censored at their end (duration_s); median with the interval of its log-log "
                  "band; rmst: restricted mean up to the end, normal interval clipped to "
                  "[0, end].");
    if (cells.Used("n<2"))
    {
        WriteNote(os,
                  "[n<2]: one observation, no interval: Student t needs n - 1 >= 1 degrees of "
                  "freedom.");
    }
    if (cells.Used("="))
    {
        WriteNote(os,
                  "=: zero-width interval: every run gave the same value (common random numbers "
                  "and a metric they fix); no variation was seen, which is not certainty.");
    }
    if (cells.Used(">"))
    {
        WriteNote(os,
                  ">T: the curve (or its band) stays above 0.5 up to the end of the runs, T s.");
    }
    if (cells.Used("n/a"))
    {
        WriteNote(os,
                  "n/a: no run carries the field (results of an older vpn-scenario), or no run "
                  "detected.");
    }
    for (const auto& w : warnings)
    {
        WriteNote(os, "! " + w);
    }
}

} // namespace ns3
