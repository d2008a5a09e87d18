using System.Security.Cryptography;
using System.Text;

namespace Engine.Cli.Control;

/// <summary>
/// Where a run's control socket lives. A Unix socket path holds at most 107 bytes (108 with its terminator), which a
/// run directory deep in a tree can exceed, so the socket sits in a short private directory (<c>$XDG_RUNTIME_DIR/engine</c>,
/// else <c>/tmp/engine-$USER</c>, mode 0700) named after a hash of the run directory, and the run directory holds a
/// pointer file (<see cref="PointerFileName"/>) with the socket's path.
/// </summary>
public static class ControlEndpoint
{
    public const string PointerFileName = "control.socket";

    /// <summary>The longest socket path the kernel takes (sun_path is 108 bytes with its terminating NUL).</summary>
    public const int MaxPathBytes = 107;

    /// <summary>The socket path for a run directory; throws when no private directory can be made.</summary>
    public static string SocketPathFor(string runDirectory)
    {
        string full = Path.GetFullPath(runDirectory);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        string directory = PrivateDirectory();
        string path = Path.Combine(directory, $"c-{hash}.sock");
        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            throw new IOException($"control socket path {path} is longer than {MaxPathBytes} bytes (set XDG_RUNTIME_DIR to a shorter directory)");
        }

        return path;
    }

    /// <summary>The socket path a running engine wrote into its run directory.</summary>
    public static string ReadPointer(string runDirectory)
    {
        string pointer = Path.Combine(runDirectory, PointerFileName);
        if (!File.Exists(pointer))
        {
            throw new FileNotFoundException($"{runDirectory}: no {PointerFileName}: no engine is running with this run directory (or it has ended)");
        }

        return File.ReadAllText(pointer).Trim();
    }

    /// <summary>A directory only this user can enter: the socket's permissions do not depend on the umask at bind time.</summary>
    private static string PrivateDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the control socket needs Unix file permissions");
        }

        string? runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string directory = !string.IsNullOrEmpty(runtime) && Directory.Exists(runtime)
            ? Path.Combine(runtime, "engine")
            : Path.Combine(Path.GetTempPath(), "engine-" + Environment.UserName);
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(directory, OwnerOnly);
        if (File.GetUnixFileMode(directory) != OwnerOnly)
        {
            File.SetUnixFileMode(directory, OwnerOnly); // fails (and the run says so) when another user owns it
        }

        return directory;
    }
}
