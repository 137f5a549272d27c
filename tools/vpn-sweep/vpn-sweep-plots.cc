/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-sweep-plots.h"

#include "vpn-sweep-stats.h"

#include "ns3/type-id.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{

namespace
{

/// Undefined, as VpnInterval has it.
constexpr double NOT_A_NUMBER = std::numeric_limits<double>::quiet_NaN();

/// Line patterns of the variants, in order (gnuplot dash types: solid, dashed, dotted, ...).
const int g_dashTypes[] = {1, 2, 3, 4, 5};
/// Point types of the variants, in order (filled circle, square, triangle, diamond, ...).
const int g_pointTypes[] = {7, 5, 9, 13, 11, 6, 4, 8};

/// The firewall policies in the order their panels stand: from none to the strictest.
const char* const g_firewallOrder[] = {"none", "stateful", "inspect", "proxy"};

/// Between two panels of a sweep figure, as a fraction of its width.
constexpr double PANEL_GAP = 0.015;

/// Tunnel states, bottom to top of the timeline's lower panel.
const char* const g_states[] = {"none", "failed", "down", "connecting", "up"};

/**
 * \param value a number
 * \return it for a gnuplot script or data file ("%.6g"; NaN as NaN)
 */
std::string
Num(double value)
{
    if (std::isnan(value))
    {
        return "NaN";
    }
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.6g", value);
    return buffer;
}

/**
 * \param text any text
 * \return it as a gnuplot single-quoted string (a quote doubled)
 */
std::string
Quoted(const std::string& text)
{
    std::string out = "'";
    for (char c : text)
    {
        out += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return out + "'";
}

/**
 * \param text a title, lines separated by newlines
 * \return it as a gnuplot double-quoted string (which turns \n into a line break)
 */
std::string
TitleText(const std::string& text)
{
    std::string out = "\"";
    for (char c : text)
    {
        out += c == '\n' ? std::string("\\n")
                         : (c == '"' || c == '\\' ? "\\" + std::string(1, c) : std::string(1, c));
    }
    return out + "\"";
}

/**
 * \param key a configuration's key
 * \param field a key field
 * \return its value ("" when the key has no such field)
 */
std::string
Field(const std::vector<std::pair<std::string, std::string>>& key, const std::string& field)
{
    auto it = std::find_if(key.begin(), key.end(), [&field](const auto& entry) {
        return entry.first == field;
    });
    return it == key.end() ? std::string() : it->second;
}

/**
 * \param field a key field (bypass, CtcpCarrier_AckPolicy)
 * \param value its value ("" for an ns-3 attribute a run did not set)
 * \return how a legend names it (bypass=1, AckPolicy=in-order, AckPolicy=highest-received
 * (default) for an attribute the run left at its initial value)
 */
std::string
VariantItem(const std::string& field, const std::string& value)
{
    // An ns-3 attribute column is Type_Attribute: the attribute's own name is enough.
    const bool attribute =
        std::isupper(static_cast<unsigned char>(field[0])) && field.find('_') != std::string::npos;
    const std::string name = attribute ? field.substr(field.rfind('_') + 1) : field;
    if (!value.empty())
    {
        return name + "=" + value;
    }
    // A run that did not set the attribute ran its initial value: say which.
    TypeId tid;
    TypeId::AttributeInformation info;
    if (attribute &&
        TypeId::LookupByNameFailSafe("ns3::" + field.substr(0, field.rfind('_')), &tid) &&
        tid.LookupAttributeByName(name, &info))
    {
        return name + "=" + info.initialValue->SerializeToString(info.checker) + " (default)";
    }
    return name + "=default";
}

/**
 * \param fraction a loss rate (0.001)
 * \return it in percent for an axis (0.1)
 */
std::string
Percent(double fraction)
{
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.4g", fraction * 100);
    return buffer;
}

/**
 * \param values numbers
 * \param unit appended
 * \return "v unit" when all are equal, else "lo-hi unit"
 */
std::string
Span(const std::set<double>& values, const std::string& unit)
{
    if (values.empty())
    {
        return "?" + unit;
    }
    const std::string lo = Num(*values.begin());
    return values.size() == 1 ? lo + unit : lo + "-" + Num(*values.rbegin()) + unit;
}

/**
 * The start of a figure script: both terminals in turn, each writing NAME.png or NAME.svg.
 * \param os the script
 * \param name the file stem
 * \param width pixels
 * \param height pixels
 */
void
OpenScript(std::ostream& os, const std::string& name, int width, int height)
{
    const std::string size = std::to_string(width) + "," + std::to_string(height);
    os << "# gnuplot script written by vpn-sweep; run it in this folder: gnuplot " << name
       << ".plt\n"
       << "# It draws " << name << ".png and " << name << ".svg from " << name << ".dat.\n"
       << "do for [format in \"png svg\"] {\n"
       << "if (format eq \"png\") {\n"
       << "    set terminal pngcairo noenhanced size " << size << " font 'sans,10'\n"
       << "} else {\n"
       << "    set terminal svg noenhanced size " << size
       << " font 'sans,10' background '#ffffff'\n"
       << "}\n"
       << "set output '" << name << ".' . format\n"
       << "reset\n";
}

/// One line of a sweep figure: a transport and a variant, with its points in each panel.
struct Series
{
    std::string transport; //!< its colour
    size_t variant;        //!< its line and point type
};

/// A metric of a sweep figure.
struct Metric
{
    std::string name;  //!< file stem
    std::string title; //!< figure title
    std::string axis;  //!< y axis label
    double scale;      //!< multiply values by
    double top;        //!< the metric's upper bound (infinity: none)
    /// the interval of a configuration
    VpnInterval (*value)(const VpnSweepSummary&);
};

/// What a sweep's configurations share and what tells them apart: the panels, ticks and lines.
struct SweepLayout
{
    std::vector<std::string> variantFields; //!< key fields beside transport, firewall, loss
    std::vector<std::string> firewalls;     //!< one panel each, in order
    std::vector<double> losses;             //!< one tick each, ascending
    std::vector<std::string> variants;      //!< legend text of each variant, first met first
    std::vector<Series> series;             //!< every line, first met first
    std::set<std::string> transports;       //!< every transport
    std::string caption;                    //!< runs per point and duration

    /**
     * \param s a configuration
     * \return its variant's legend text (bypass=1 AckPolicy=in-order; "" when none varies)
     */
    std::string Variant(const VpnSweepSummary& s) const
    {
        std::string variant;
        for (const auto& field : variantFields)
        {
            variant += (variant.empty() ? "" : " ") + VariantItem(field, Field(s.key, field));
        }
        return variant;
    }

    /**
     * \param s a configuration
     * \param [out] panel its panel
     * \param [out] line its series
     * \param [out] tick its loss tick
     */
    void Place(const VpnSweepSummary& s, size_t& panel, size_t& line, size_t& tick) const
    {
        const std::string firewall = Field(s.key, "firewall");
        panel = std::find(firewalls.begin(), firewalls.end(), firewall) - firewalls.begin();
        const size_t v = std::find(variants.begin(), variants.end(), Variant(s)) - variants.begin();
        const std::string transport = Field(s.key, "transport");
        line = std::find_if(
                   series.begin(),
                   series.end(),
                   [&](const Series& x) { return x.transport == transport && x.variant == v; }) -
               series.begin();
        const double loss = std::strtod(Field(s.key, "loss").c_str(), nullptr);
        tick = std::lower_bound(losses.begin(), losses.end(), loss) - losses.begin();
    }
};

/**
 * \param summaries the configurations (not empty)
 * \return their figure's layout
 */
SweepLayout
LayoutOf(const std::vector<VpnSweepSummary>& summaries)
{
    // The variant fields: the key fields other than transport, firewall and loss with more than
    // one value (duration too, when runs of different lengths are pooled in one report).
    std::map<std::string, std::set<std::string>> values;
    for (const auto& s : summaries)
    {
        for (const auto& [field, value] : s.key)
        {
            values[field].insert(value);
        }
    }
    SweepLayout layout;
    for (const auto& field : VpnSweepStats::KeyFields())
    {
        if (field != "transport" && field != "firewall" && field != "loss" &&
            values[field].size() > 1)
        {
            layout.variantFields.push_back(field);
        }
    }
    // Panels: the firewalls in a fixed order, then any other.
    for (const char* firewall : g_firewallOrder)
    {
        if (values["firewall"].count(firewall))
        {
            layout.firewalls.emplace_back(firewall);
        }
    }
    for (const auto& firewall : values["firewall"])
    {
        if (std::find(layout.firewalls.begin(), layout.firewalls.end(), firewall) ==
            layout.firewalls.end())
        {
            layout.firewalls.push_back(firewall);
        }
    }
    std::set<double> losses;
    std::set<double> runs;
    std::set<double> durations;
    for (const auto& s : summaries)
    {
        losses.insert(std::strtod(Field(s.key, "loss").c_str(), nullptr));
        runs.insert(s.runs);
        durations.insert(std::strtod(Field(s.key, "duration_s").c_str(), nullptr));
        const std::string transport = Field(s.key, "transport");
        layout.transports.insert(transport);
        const std::string variant = layout.Variant(s);
        const size_t v = std::find(layout.variants.begin(), layout.variants.end(), variant) -
                         layout.variants.begin();
        if (v == layout.variants.size())
        {
            layout.variants.push_back(variant);
        }
        if (std::none_of(layout.series.begin(), layout.series.end(), [&](const Series& x) {
                return x.transport == transport && x.variant == v;
            }))
        {
            layout.series.push_back({transport, v});
        }
    }
    layout.losses.assign(losses.begin(), losses.end());
    layout.caption =
        Span(runs, "") + " runs per point, " + Span(durations, " s") + " simulated each";
    return layout;
}

/**
 * Write a metric's data: one block per panel and series that has points (gnuplot index), rows
 * x (the loss tick + the series' offset), mean, lo, hi (clipped), loss (%), runs.
 * \param path the file
 * \param m the metric
 * \param layout the figure's layout
 * \param summaries the configurations
 * \param [out] highest the highest bar's top (scaled; 0 when there is none)
 * \return for each panel, its blocks: (index, series)
 */
std::vector<std::vector<std::pair<size_t, size_t>>>
WriteSweepData(const std::string& path,
               const Metric& m,
               const SweepLayout& layout,
               const std::vector<VpnSweepSummary>& summaries,
               double& highest)
{
    highest = 0;
    // Series side by side around each tick, so that equal values stay visible.
    const size_t count = layout.series.size();
    const double step = std::min(0.08, 0.6 / count);
    std::map<std::pair<size_t, size_t>, std::string> rows;
    for (const auto& s : summaries)
    {
        const VpnInterval v = m.value(s);
        if (std::isnan(v.mean))
        {
            continue;
        }
        size_t panel;
        size_t line;
        size_t tick;
        layout.Place(s, panel, line, tick);
        const double x = tick + (static_cast<double>(line) - (count - 1) / 2.0) * step;
        const double lo = std::isnan(v.lo) ? v.mean : std::max(0.0, v.lo);
        const double hi = std::isnan(v.hi) ? v.mean : std::min(m.top, v.hi);
        highest = std::max(highest, hi * m.scale);
        rows[{panel, line}] += Num(x) + " " + Num(v.mean * m.scale) + " " + Num(lo * m.scale) +
                               " " + Num(hi * m.scale) + " " + Percent(layout.losses[tick]) + " " +
                               std::to_string(s.runs) + "\n";
    }
    std::ofstream data(path);
    data << "# " << m.title << ", " << layout.caption << "\n"
         << "# x mean lo hi loss_percent runs; one block per firewall and series\n";
    std::vector<std::vector<std::pair<size_t, size_t>>> blocks(layout.firewalls.size());
    size_t index = 0;
    for (const auto& [where, text] : rows)
    {
        const Series& line = layout.series[where.second];
        const std::string& variant = layout.variants[line.variant];
        data << "# firewall=" << layout.firewalls[where.first] << " transport=" << line.transport
             << (variant.empty() ? "" : " ") << variant << "\n"
             << text << "\n\n";
        blocks[where.first].emplace_back(index++, where.second);
    }
    return blocks;
}

/**
 * \param layout a sweep figure's layout
 * \return its legend: a row of transports (colours) above a row of variants (line and point
 * types), each empty unless it has more than one
 */
std::vector<std::vector<std::string>>
LegendOf(const SweepLayout& layout)
{
    std::vector<std::vector<std::string>> legend(2);
    for (const auto& transport : layout.transports)
    {
        legend[0].push_back("keyentry with lines lc rgb " +
                            Quoted(VpnSweepPlots::TransportColour(transport)) + " lw 2 title " +
                            Quoted(transport));
    }
    for (size_t v = 0; v < layout.variants.size(); ++v)
    {
        legend[1].push_back("keyentry with linespoints lc rgb '#000000' dt " +
                            std::to_string(g_dashTypes[v % std::size(g_dashTypes)]) + " pt " +
                            std::to_string(g_pointTypes[v % std::size(g_pointTypes)]) +
                            " lw 1.5 title " + Quoted(layout.variants[v]));
    }
    for (auto& row : legend)
    {
        row.resize(row.size() > 1 ? row.size() : 0);
    }
    return legend;
}

/**
 * Write a metric's script: a panel per firewall side by side, the legend's rows below them.
 * \param plt the script
 * \param m the metric
 * \param layout the figure's layout
 * \param blocks for each panel, its blocks in the data (WriteSweepData)
 * \param highest the highest bar's top (WriteSweepData)
 */
void
WriteSweepScript(std::ostream& plt,
                 const Metric& m,
                 const SweepLayout& layout,
                 const std::vector<std::vector<std::pair<size_t, size_t>>>& blocks,
                 double highest)
{
    const size_t panels = layout.firewalls.size();
    OpenScript(plt, m.name, std::max(800, 340 + 280 * static_cast<int>(panels)), 520);
    std::string xtics;
    for (size_t i = 0; i < layout.losses.size(); ++i)
    {
        xtics += (i ? ", " : "") + Quoted(Percent(layout.losses[i])) + " " + std::to_string(i);
    }
    // The title names what all the lines share when it is one value (one transport, one
    // variant); the legend lists only what varies.
    std::string shared;
    if (layout.transports.size() == 1)
    {
        shared += "transport " + *layout.transports.begin();
    }
    if (layout.variants.size() == 1 && !layout.variants.front().empty())
    {
        shared += (shared.empty() ? "" : ", ") + layout.variants.front();
    }
    plt << "set multiplot title "
        << TitleText(m.title + "\n" + layout.caption + (shared.empty() ? "" : "; " + shared))
        << " font ',11'\n"
        << "set xrange [-0.5:" << Num(layout.losses.size() - 0.5) << "]\n"
        << "set xtics (" << xtics << ") nomirror\n"
        << "set xlabel 'packet loss on the Internet link (%)'\n"
        // One y range for every panel (only the first has tick labels): the metric's own
        // bound, or 5 % above the highest bar.
        << "set yrange [0:"
        << Num(std::isinf(m.top) ? (highest > 0 ? highest * 1.05 : 1) : m.top * 1.04) << "]\n"
        << "set ytics nomirror\n"
        << "set grid ytics lc rgb '#dddddd' lt 1\n"
        << "set border 3\n"
        << "set bars 0.5\n"
        << "set pointsize 0.8\n";
    // Panels side by side from 7 % to 98 % of the width, the legend below them.
    const double left = 0.07;
    const double width = (0.98 - left - PANEL_GAP * (panels - 1)) / static_cast<double>(panels);
    for (size_t p = 0; p < panels; ++p)
    {
        const double x = left + p * (width + PANEL_GAP);
        plt << "# panel " << p + 1 << ": firewall " << layout.firewalls[p] << "\n"
            << "set title " << Quoted("firewall: " + layout.firewalls[p]) << "\n"
            << "set lmargin at screen " << Num(x) << "\nset rmargin at screen " << Num(x + width)
            << "\nset tmargin at screen 0.84\nset bmargin at screen 0.25\n"
            << (p == 0 ? "set ylabel " + Quoted(m.axis) + "\n"
                       : std::string("unset ylabel\nset format y ''\n"));
        std::vector<std::string> items;
        for (const auto& [block, j] : blocks[p])
        {
            const Series& line = layout.series[j];
            const std::string colour = Quoted(VpnSweepPlots::TransportColour(line.transport));
            const std::string data = "'" + m.name + ".dat' index " + std::to_string(block);
            items.push_back(data + " using 1:2:3:4 with yerrorbars lc rgb " + colour + " pt " +
                            std::to_string(g_pointTypes[line.variant % std::size(g_pointTypes)]) +
                            " notitle");
            items.push_back(data + " using 1:2 with lines lc rgb " + colour + " dt " +
                            std::to_string(g_dashTypes[line.variant % std::size(g_dashTypes)]) +
                            " lw 1.5 notitle");
        }
        if (items.empty())
        {
            items.emplace_back("NaN notitle"); // nothing defined in this panel: its axes only
        }
        for (size_t i = 0; i < items.size(); ++i)
        {
            plt << (i ? ", \\\n     " : "plot ") << items[i];
        }
        plt << "\n";
    }
    // Each row of the legend: a plot of its own across the width below the panels, nothing but
    // its keys in one line.
    double top = 0.12;
    for (const auto& row : LegendOf(layout))
    {
        if (row.empty())
        {
            continue;
        }
        plt << "# a row of the legend\n"
            << "set lmargin at screen 0.02\nset rmargin at screen 0.98\n"
            << "set tmargin at screen " << Num(top) << "\nset bmargin at screen " << Num(top - 0.06)
            << "\n"
            << "unset border\nunset tics\nunset title\nunset xlabel\nunset ylabel\n"
            << "unset grid\nset xrange [0:1]\nset yrange [0:1]\n"
            << "set key center center horizontal reverse Left maxrows 1 samplen 3\n"
            << "plot NaN notitle";
        for (const auto& entry : row)
        {
            plt << ", \\\n     " << entry;
        }
        plt << "\n";
        top -= 0.06;
    }
    plt << "unset multiplot\n}\n";
}

} // namespace

std::string
VpnSweepPlots::TransportColour(const std::string& transport)
{
    // Okabe and Ito (2008), "Color Universal Design": eight colours told apart with every common
    // colour-vision deficiency. Black for the baseline without a tunnel; yellow, the faintest on
    // white, for the carrier used least.
    static const std::map<std::string, std::string> colours = {
        {"ctcp", "#D55E00"},           // vermillion
        {"natt", "#0072B2"},           // blue
        {"esp", "#009E73"},            // bluish green
        {"anyconnect", "#CC79A7"},     // reddish purple
        {"tcp-encap", "#E69F00"},      // orange
        {"cisco-udp", "#56B4E9"},      // sky blue
        {"anyconnect-tls", "#F0E442"}, // yellow
        {"none", "#000000"},           // black
    };
    auto it = colours.find(transport);
    return it == colours.end() ? "#999999" : it->second;
}

std::vector<std::string>
VpnSweepPlots::WriteSweepScripts(const std::string& dir,
                                 const std::vector<VpnSweepSummary>& summaries)
{
    if (summaries.empty())
    {
        return {};
    }
    const std::vector<Metric> metrics = {
        {"availability",
         "Availability: fraction of the time the tunnel is up after it first came up; mean and "
         "95 % Student-t interval",
         "availability",
         1,
         1,
         [](const VpnSweepSummary& s) { return s.availability; }},
        {"data-availability",
         "Data availability: fraction of 1 s bins in which inner data reached the server while "
         "it had data to send; mean and 95 % Student-t interval",
         "data availability",
         1,
         1,
         [](const VpnSweepSummary& s) { return s.dataAvailability; }},
        {"goodput",
         "Inner goodput: mean and 95 % Student-t interval",
         "inner goodput (Mb/s)",
         1e-6,
         std::numeric_limits<double>::infinity(),
         [](const VpnSweepSummary& s) { return s.goodput; }},
        {"survival",
         "Survival: fraction of runs without a tunnel failure, and its 95 % Wilson interval",
         "survival",
         1,
         1,
         [](const VpnSweepSummary& s) { return s.survival; }},
    };
    const SweepLayout layout = LayoutOf(summaries);
    std::vector<std::string> scripts;
    for (const Metric& m : metrics)
    {
        double highest = 0;
        const auto blocks =
            WriteSweepData(dir + "/" + m.name + ".dat", m, layout, summaries, highest);
        std::ofstream plt(dir + "/" + m.name + ".plt");
        WriteSweepScript(plt, m, layout, blocks, highest);
        scripts.push_back(m.name + ".plt");
    }
    return scripts;
}

bool
VpnSweepPlots::ReadTimeline(const VpnRunRecord& record, VpnTimelineRun& run, std::string& error)
{
    const std::string where = record.source.empty() ? "run" : record.source;
    const VpnJsonValue* field = record.Find("timeseries");
    if (field == nullptr || field->kind != VpnJsonValue::STRING || field->text.empty())
    {
        error = where + ": no \"timeseries\" field naming the run's time-series CSV";
        return false;
    }
    std::filesystem::path path(field->text);
    const std::filesystem::path beside =
        std::filesystem::path(record.source).parent_path() / field->text;
    std::error_code ignored;
    if (path.is_relative() && !record.source.empty() && std::filesystem::exists(beside, ignored))
    {
        path = beside;
    }
    run = VpnTimelineRun();
    run.series = path.string();
    run.transport = record.Text("transport");
    run.firstLoss = record.Number("first_loss_s", NOT_A_NUMBER);
    run.stall = record.Number("stall_s", NOT_A_NUMBER);
    run.firstFailure = record.Number("first_failure_s", NOT_A_NUMBER);
    run.label = run.transport + ", " + record.Text("firewall") +
                (record.Number("bypass", 0) != 0 ? " bypass" : "") + ", " +
                Percent(record.Number("loss", 0)) + " % loss, RngRun " + record.Text("run");

    std::ifstream in(run.series);
    if (!in)
    {
        error = where + ": cannot open its time series " + run.series;
        return false;
    }
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    std::stringstream names(line);
    for (std::string name; std::getline(names, name, ',');)
    {
        header.push_back(name);
    }
    auto column = [&header](const std::string& name) {
        return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const size_t timeColumn = column("time_s");
    const size_t clientColumn = column("client");
    const size_t stateColumn = column("tunnel_state");
    const size_t goodputColumn = column("inner_goodput_bps");
    if (std::max({timeColumn, clientColumn, stateColumn, goodputColumn}) >= header.size())
    {
        error = run.series + ": line 1 is not a time-series header (expected " +
                TIME_SERIES_HEADER + ")";
        return false;
    }
    for (size_t number = 2; std::getline(in, line); ++number)
    {
        if (line.empty())
        {
            continue;
        }
        std::vector<std::string> cells;
        std::stringstream row(line + ",");
        for (std::string cell; std::getline(row, cell, ',');)
        {
            cells.push_back(cell);
        }
        const std::string at = run.series + " line " + std::to_string(number) + ": ";
        if (cells.size() != header.size())
        {
            error = at + std::to_string(cells.size()) + " fields where the header has " +
                    std::to_string(header.size());
            return false;
        }
        // A number, or (where empty is allowed) NaN; false when the cell is not one.
        auto number_of = [&cells](size_t i, bool emptyAllowed, double& value) {
            const char* begin = cells[i].c_str();
            char* end = nullptr;
            value = std::strtod(begin, &end);
            if (cells[i].empty())
            {
                value = NOT_A_NUMBER;
                return emptyAllowed;
            }
            return end != begin && *end == '\0' && std::isfinite(value);
        };
        double time = 0;
        double client = 0;
        double goodput = 0;
        if (!number_of(timeColumn, false, time) || !number_of(clientColumn, false, client) ||
            client < 0 || client != std::floor(client) || !number_of(goodputColumn, true, goodput))
        {
            error = at + "time_s, client or inner_goodput_bps is not a number: " + line;
            return false;
        }
        const std::string& state = cells[stateColumn];
        if (std::find(std::begin(g_states), std::end(g_states), state) == std::end(g_states))
        {
            error = at + "tunnel_state '" + state + "' is not none, down, connecting, up or failed";
            return false;
        }
        run.clients = std::max(run.clients, static_cast<uint32_t>(client) + 1);
        if (client != 0)
        {
            continue;
        }
        if (!run.time.empty() && time <= run.time.back())
        {
            error = at + "time_s " + cells[timeColumn] + " does not come after the last sample";
            return false;
        }
        run.time.push_back(time);
        run.goodputBps.push_back(goodput);
        run.state.push_back(state);
    }
    if (run.time.empty())
    {
        error = run.series + ": no samples of client 0";
        return false;
    }
    return true;
}

std::string
VpnSweepPlots::WriteTimelineScript(const std::string& dir, const std::vector<VpnTimelineRun>& runs)
{
    // Colours: each run its transport's, as in the sweep figures, when no two runs share a
    // transport; otherwise the palette in run order.
    std::set<std::string> transports;
    for (const auto& run : runs)
    {
        transports.insert(run.transport);
    }
    const char* const palette[] =
        {"#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};
    std::vector<std::string> colours;
    double end = 0;
    uint32_t clients = 1;
    for (size_t i = 0; i < runs.size(); ++i)
    {
        colours.push_back(transports.size() == runs.size() ? TransportColour(runs[i].transport)
                                                           : palette[i % std::size(palette)]);
        end = std::max(end, runs[i].time.back());
        clients = std::max(clients, runs[i].clients);
    }

    // Data: one block per run, rows time, goodput (Mb/s), state level (nudged per run so that
    // equal states stay visible); a first row at 0 s starts the goodput's first interval.
    std::ofstream data(dir + "/timeline.dat");
    data << "# time_s inner_goodput_mbps tunnel_state_level; one block per run\n"
         << "# levels:";
    for (size_t level = 0; level < std::size(g_states); ++level)
    {
        data << " " << level << "=" << g_states[level];
    }
    data << "\n";
    for (size_t i = 0; i < runs.size(); ++i)
    {
        const double nudge = (static_cast<double>(i) - (runs.size() - 1) / 2.0) * 0.06;
        data << "# " << runs[i].label << " (" << runs[i].series << ")\n"
             << "0 0 NaN\n";
        for (size_t k = 0; k < runs[i].time.size(); ++k)
        {
            const size_t level =
                std::find(std::begin(g_states), std::end(g_states), runs[i].state[k]) -
                std::begin(g_states);
            data << Num(runs[i].time[k]) << " " << Num(runs[i].goodputBps[k] * 1e-6) << " "
                 << Num(level + nudge) << "\n";
        }
        data << "\n\n";
    }

    // The markers: a vertical line per event of each run, across both panels.
    struct Marker
    {
        const char* field; //!< the run's JSON field
        const char* name;  //!< in the legend
        int dash;          //!< gnuplot dash type
    };

    const Marker markers[] = {{"first_loss_s", "first loss on the Internet link", 3},
                              {"stall_s", "inner data stops for good", 2},
                              {"first_failure_s", "tunnel declared failed", 4}};
    std::ostringstream arrows;
    for (size_t i = 0; i < runs.size(); ++i)
    {
        const double times[] = {runs[i].firstLoss, runs[i].stall, runs[i].firstFailure};
        for (size_t k = 0; k < std::size(markers); ++k)
        {
            if (!std::isnan(times[k]))
            {
                arrows << "set arrow from " << Num(times[k]) << ", graph 0 to " << Num(times[k])
                       << ", graph 1 nohead front lc rgb " << Quoted(colours[i]) << " dt "
                       << markers[k].dash << " lw 1.5 # run " << i + 1 << " " << markers[k].field
                       << "\n";
            }
        }
    }

    std::ofstream plt(dir + "/timeline.plt");
    OpenScript(plt, "timeline", 1000, 720);
    const std::string title =
        "One run over time: inner goodput (top) and tunnel state (bottom)" +
        std::string(clients > 1 ? ", client 0 of " + std::to_string(clients) : "") +
        "\nmarkers: first loss (dotted), inner data stops for good (dashed), tunnel declared "
        "failed (dash-dot), in the run's colour";
    plt << "set multiplot layout 2,1 title " << TitleText(title) << " font ',11'\n"
        << "set lmargin at screen 0.09\nset rmargin at screen 0.70\n"
        << "set xrange [0:" << Num(end) << "]\n"
        << "set xlabel 'time (s)'\n"
        << "set grid lc rgb '#dddddd' lt 1\n"
        << arrows.str() << "# top: inner goodput over each interval (time_s ends it)\n"
        << "set ylabel 'inner goodput (Mb/s)'\n"
        << "set yrange [0:*]\n"
        << "set key at screen 0.72, graph 1 left top reverse Left samplen 3\n"
        << "plot";
    for (size_t i = 0; i < runs.size(); ++i)
    {
        plt << (i ? ", \\\n     " : " ") << "'timeline.dat' index " << i
            << " using 1:2 with fsteps lc rgb " << Quoted(colours[i]) << " lw 1.5 title "
            << Quoted(runs[i].label);
    }
    for (const Marker& marker : markers)
    {
        plt << ", \\\n     keyentry with lines lc rgb '#000000' dt " << marker.dash
            << " lw 1.5 title " << Quoted(marker.name);
    }
    std::string ytics;
    for (size_t level = 0; level < std::size(g_states); ++level)
    {
        ytics += (level ? ", " : "") + Quoted(g_states[level]) + " " + std::to_string(level);
    }
    plt << "\n# bottom: tunnel state at each sample, held until the next\n"
        << "set ylabel 'tunnel state'\n"
        << "set yrange [-0.5:" << Num(std::size(g_states) - 0.5) << "]\n"
        << "set ytics (" << ytics << ")\n"
        << "unset key\n"
        << "plot";
    for (size_t i = 0; i < runs.size(); ++i)
    {
        plt << (i ? ", \\\n     " : " ") << "'timeline.dat' index " << i
            << " using 1:3 with steps lc rgb " << Quoted(colours[i]) << " lw 1.5 notitle";
    }
    plt << "\nunset multiplot\n}\n";
    return "timeline.plt";
}

} // namespace ns3
