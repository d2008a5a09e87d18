namespace Engine.Timing;

/// <summary>The CPU feature flags the kernel lists in /proc/cpuinfo; cold, read once when the clock is chosen.</summary>
internal static class CpuInfoFlags
{
    /// <summary>The first CPU's flags (x86 "flags", aarch64 "Features"), or null when /proc/cpuinfo cannot be read.</summary>
    public static IReadOnlySet<string>? Read(string path = "/proc/cpuinfo")
    {
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                if (Parse(line) is { } flags)
                {
                    return flags;
                }
            }

            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The flags of one "flags : a b c" line, or null when the line is something else.</summary>
    public static IReadOnlySet<string>? Parse(string line)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        string key = line[..colon].Trim();
        if (key is not ("flags" or "Features"))
        {
            return null;
        }

        return new HashSet<string>(line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
    }
}
