using System.Reflection;

namespace Engine.Tests.Support;

/// <summary>Locates the real Binance data in ../shared/data beside the checkout (never copied into the repo).</summary>
public static class SharedData
{
    public static string Root { get; } = Locate();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        string? env = Environment.GetEnvironmentVariable("ENGINE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        string? baked = typeof(SharedData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SharedDataDir")?.Value;
        if (!string.IsNullOrEmpty(baked) && Directory.Exists(baked))
        {
            return baked;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/data not found; set ENGINE_SHARED_DATA");
    }
}
