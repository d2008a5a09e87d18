using System.Runtime.InteropServices;

namespace Engine.Interop;

/// <summary>
/// Whether libengine_native.so loaded, and if not, why; probed once on first use.
/// Without it the engine still runs, unpinned and on the Stopwatch clock; hosts print <see cref="StartupNotice"/> once.
/// </summary>
public static class NativeLibraryStatus
{
    private static readonly string? s_failure = Probe();
    private static int s_noticeWritten;

    /// <summary>True when the library loaded and speaks the expected ABI version.</summary>
    public static bool IsLoaded => s_failure is null;

    /// <summary>Why the library is not used, or null when it is.</summary>
    public static string? UnavailableReason => s_failure;

    /// <summary>One line for a host to print at start: what the engine runs with, and why when degraded.</summary>
    public static string StartupNotice => s_failure is null
        ? $"native: libengine_native.so loaded; clock {Timing.EngineClock.Source} ({Timing.EngineClock.SourceDetail})"
        : $"native: {s_failure}; running without thread pinning or memory locking, clock {Timing.EngineClock.Source}";

    /// <summary>Writes <see cref="StartupNotice"/> to <paramref name="writer"/> the first time any caller asks, never again.</summary>
    /// <returns>True when this call wrote it.</returns>
    public static bool WriteStartupNoticeOnce(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Interlocked.Exchange(ref s_noticeWritten, 1) != 0)
        {
            return false;
        }

        writer.WriteLine(StartupNotice);
        return true;
    }

    private static string? Probe()
    {
        bool linux = OperatingSystem.IsLinux();
        return Diagnose(
            linux,
            linux && NativeLibrary.TryLoad(NativeMethods.LibraryName, typeof(NativeMethods).Assembly, null, out _),
            NativeMethods.AbiVersion);
    }

    /// <summary>Why the library cannot be used, or null: from the platform, whether it loaded, and its ABI version.</summary>
    internal static string? Diagnose(bool isLinux, bool loaded, Func<int> abiVersion)
    {
        if (!isLinux)
        {
            return "libengine_native.so is built for Linux only";
        }

        if (!loaded)
        {
            return $"libengine_native.so not found in {AppContext.BaseDirectory} (dotnet build makes it when cmake and a C compiler are installed)";
        }

        try
        {
            int abi = abiVersion();
            return abi == NativeMethods.ExpectedAbiVersion
                ? null
                : $"libengine_native.so has ABI version {abi}, this Engine.Core expects {NativeMethods.ExpectedAbiVersion} (stale build output?)";
        }
        catch (EntryPointNotFoundException e)
        {
            return $"libengine_native.so is not the engine's native library: {e.Message}";
        }
    }
}
