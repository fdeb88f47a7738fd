/// Renders the simulated run as a Mermaid gantt chart: one section per concurrency slot, one
/// bar per task, critical-path tasks tagged `crit`.
///
/// Mermaid gantt needs calendar dates, so run offsets are written as times on a fixed day
/// (2000-01-01 00:00:00 is the start of the run). Both the parse (dayjs) and the axis (d3) use
/// local time, so the axis reads as elapsed time in every time zone; `dateFormat X` (epoch
/// seconds) would shift the axis by the viewer's UTC offset.
public enum GanttRenderer {
  /// The gantt chart, ending with a newline.
  public static func render(_ plan: WorkflowPlan) -> String {
    var out = "gantt\n"
    out += "  title \(sanitize(plan.workflow)) - simulated run, max_concurrent \(plan.maxConcurrent), "
    out += "\(PlanDuration.human(plan.makespanSeconds))\n"
    out += "  dateFormat YYYY-MM-DD HH:mm:ss\n"
    // Past one day, the day of the year (001 = the first day) keeps later bars readable.
    out += "  axisFormat \(plan.makespanSeconds < 86_400 ? "%H:%M" : "day %j %H:%M")\n"
    out += "  todayMarker off\n"
    // Positions per slot, not copies of the tasks.
    let all = plan.tasks
    var bySlot: [Int: [Int]] = [:]
    for position in all.indices { bySlot[all[position].slot, default: []].append(position) }
    for slot in bySlot.keys.sorted() {
      out += "  section Slot \(slot)\n"
      let positions = bySlot[slot, default: []].sorted {
        (all[$0].startSeconds, all[$0].agentNumber) < (all[$1].startSeconds, all[$1].agentNumber)
      }
      // One buffer for the bars: a line per task, dates written digit by digit.
      var bars = TextBuffer(capacity: 96 * positions.count)
      for task in positions.map({ all[$0] }) {
        bars.append("    ")
        bars.append(sanitize(task.id))
        // A fixer's bar spans its loop's worst case: its rounds and the re-checks between them.
        if let loop = task.fixLoop {
          bars.append(" + re-check of ")
          bars.append(sanitize(loop.rechecks))
          bars.append(" ×")
          bars.append(loop.maxRounds)
        }
        bars.append(" · ")
        bars.append(task.agentID)
        bars.append(task.onCriticalPath ? " :crit, t" : " :t")
        bars.append(task.agentNumber)
        bars.append(", ")
        appendDate(task.startSeconds, to: &bars)
        bars.append(", ")
        appendDate(task.finishSeconds, to: &bars)
        bars.append("\n")
      }
      out += bars.text
    }
    return out
  }

  /// Task names and titles end at `:`, `;` or `#` in Mermaid's gantt grammar.
  private static func sanitize(_ text: String) -> String {
    // Nothing to replace (no such byte, nor a CR a Character could pair with a LF): as it is.
    if !text.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "#") || $0 == 0x0A || $0 == 0x0D }) {
      return text
    }
    return String(text.map { ":;#\n".contains($0) ? "-" : $0 })
  }

  /// `2000-01-01 HH:mm:ss` plus `seconds`, rolling over into later days.
  /// `date(seconds)` appended to `out`.
  static func appendDate(_ seconds: Int, to out: inout TextBuffer) {
    let offset = max(seconds, 0)
    let (year, month, day) = civilDate(daysSinceEpoch: 10957 + offset / 86_400)
    let rest = offset % 86_400
    out.append(year, width: 4)
    out.append("-")
    out.append(month, width: 2)
    out.append("-")
    out.append(day, width: 2)
    out.append(" ")
    out.append(rest / 3600, width: 2)
    out.append(":")
    out.append(rest % 3600 / 60, width: 2)
    out.append(":")
    out.append(rest % 60, width: 2)
  }

  static func date(_ seconds: Int) -> String {
    let offset = max(seconds, 0)
    // 10957 days from 1970-01-01 to 2000-01-01.
    let (year, month, day) = civilDate(daysSinceEpoch: 10957 + offset / 86_400)
    let rest = offset % 86_400
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) "
      + "\(pad(rest / 3600, 2)):\(pad(rest % 3600 / 60, 2)):\(pad(rest % 60, 2))"
  }

  /// Proleptic Gregorian date of a day count (Howard Hinnant's `civil_from_days`).
  private static func civilDate(daysSinceEpoch: Int) -> (Int, Int, Int) {
    let shifted = daysSinceEpoch + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(width - text.count, 0)) + text
  }
}
