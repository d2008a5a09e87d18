using System.Diagnostics;

namespace Engine.Tests.Support;

/// <summary>
/// A tmpfs of a given size (or read-only) mounted on a fresh directory, for tests of a full disk or a read-only
/// output: real ENOSPC and EROFS from the kernel, not simulated ones. Needs root (CI runs as root); where mounting is
/// not permitted <see cref="TryMount"/> returns null and the caller says so.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    public static SmallFilesystem? TryMount(string options)
    {
        string dir = Directory.CreateTempSubdirectory("engine-tmpfs-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir) != 0)
        {
            Directory.Delete(dir);
            return null;
        }

        return new SmallFilesystem(dir);
    }

    public void Dispose()
    {
        // Lazy: a program that kept a file open there (a bug under test) must not turn the test's own failure into
        // "device busy".
        if (Run("umount", "-l", Path) == 0)
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static int Run(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }

            using Process p = Process.Start(start)!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
