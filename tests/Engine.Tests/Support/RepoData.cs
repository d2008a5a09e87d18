namespace Engine.Tests.Support;

/// <summary>
/// Locates the repository's own <c>data/</c> folder (real Binance data, see data/README.md): the first folder holding
/// <c>Engine.sln</c> above the test assembly. Nothing outside the repository is read.
/// </summary>
public static class RepoData
{
    /// <summary>The repository's root folder (the one holding Engine.sln).</summary>
    public static string RepositoryRoot { get; } = LocateRoot();

    /// <summary>The repository's data folder.</summary>
    public static string Root { get; } = System.IO.Path.Combine(RepositoryRoot, "data");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string LocateRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no folder holding Engine.sln above {AppContext.BaseDirectory}: run the tests from the repository");
    }
}
