using System.Globalization;

namespace Engine.Tests.Interop;

/// <summary>What the kernel says about the calling thread and process, read from /proc: the independent truth for pinning.</summary>
internal static class ThreadStatus
{
    public const int SchedOther = 0;
    public const int SchedFifo = 1;

    /// <summary>The calling thread's Cpus_allowed_list ("0-1,4") expanded to CPU numbers.</summary>
    public static int[] AllowedCpus()
    {
        string list = Field("/proc/thread-self/status", "Cpus_allowed_list");
        var cpus = new List<int>();
        foreach (string range in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int dash = range.IndexOf('-', StringComparison.Ordinal);
            int first = int.Parse(dash < 0 ? range : range[..dash], CultureInfo.InvariantCulture);
            int last = dash < 0 ? first : int.Parse(range[(dash + 1)..], CultureInfo.InvariantCulture);
            for (int cpu = first; cpu <= last; cpu++)
            {
                cpus.Add(cpu);
            }
        }

        return [.. cpus];
    }

    /// <summary>The process's VmLck in kB (memory locked by mlock/mlockall).</summary>
    public static long ProcessLockedKilobytes()
    {
        string value = Field("/proc/self/status", "VmLck");
        return long.Parse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The calling thread's scheduling policy: field 41 of /proc/thread-self/stat (0 SCHED_OTHER, 1 SCHED_FIFO).</summary>
    public static int Policy()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        // Field 2 (comm) may contain spaces and parentheses; fields after the last ')' start at field 3.
        string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(rest[41 - 3], CultureInfo.InvariantCulture);
    }

    private static string Field(string path, string name)
    {
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        throw new InvalidOperationException($"{name} not found in {path}");
    }
}
