using System.Diagnostics;

namespace InboxNetworking.Benchmarks;

/// <summary>Wall time and the process's peak resident set, read from /proc (VmHWM).</summary>
internal static class Measure
{
    public static (TimeSpan Elapsed, T Result) Time<T>(Func<T> work)
    {
        var sw = Stopwatch.StartNew();
        var result = work();
        return (sw.Elapsed, result);
    }

    public static async Task<(TimeSpan Elapsed, T Result)> TimeAsync<T>(Func<Task<T>> work)
    {
        var sw = Stopwatch.StartNew();
        var result = await work();
        return (sw.Elapsed, result);
    }

    /// <summary>What the GC did since <paramref name="before"/> (a <see cref="GcNow"/>), per message: bytes allocated, collections, pause.</summary>
    public static string GcSince((long Bytes, int Gen0, int Gen1, int Gen2, TimeSpan Pause) before, long messages)
    {
        var now = GcNow();
        return System.FormattableString.Invariant(
            $"{(now.Bytes - before.Bytes) / Math.Max(1, messages)} B allocated per message, GCs {now.Gen0 - before.Gen0}/{now.Gen1 - before.Gen1}/{now.Gen2 - before.Gen2} (gen0/1/2), paused {(now.Pause - before.Pause).TotalMilliseconds:0} ms");
    }

    public static (long Bytes, int Gen0, int Gen1, int Gen2, TimeSpan Pause) GcNow() =>
        (GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary>CPU time this process has used so far, all threads.</summary>
    public static TimeSpan Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>CPU time every process on the machine has used so far (/proc/stat: user, nice, system, irq,
    /// softirq), so that a phase's total minus this process's own is the server's share.</summary>
    public static TimeSpan MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = new[] { 1, 2, 3, 6, 7 }.Sum(i => long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    /// <summary>Peak RSS so far in MiB; reset with <see cref="ResetPeak"/> between phases.</summary>
    public static double PeakRssMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
        return double.NaN;
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM (Linux), so each phase reports its own peak.</summary>
    public static void ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
