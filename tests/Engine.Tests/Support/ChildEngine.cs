using System.Diagnostics;
using System.Globalization;

namespace Engine.Tests.Support;

/// <summary>The built <c>engine</c> as a child process (the kill tests): started, signalled, ended, and their settings.</summary>
internal static class ChildEngine
{
    /// <summary>Starts <c>dotnet engine.dll</c> with <paramref name="args"/>, output redirected, <paramref name="environment"/> added.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "engine.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Kills the process if it still runs and says how it ended.</summary>
    public static async Task<string> Ended(Process process, Task<string> errors, TimeSpan wait)
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync().WaitAsync(wait);
        return $"exit {process.ExitCode}: {await errors}";
    }

    /// <summary>Sends <c>SIG<paramref name="signal"/></c> (TERM, INT …).</summary>
    public static void Signal(Process process, string signal)
    {
        using Process kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>An environment variable's value parsed, or <paramref name="fallback"/>.</summary>
    public static T Setting<T>(string name, T fallback)
        where T : IParsable<T> =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? T.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
