using Engine.Tests.Support;

namespace Engine.Tests.Docs;

/// <summary>The repository stands alone: its Markdown links stay inside it and lead to files that exist.</summary>
public sealed class RepositoryLinksTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-links-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Repository_NoLinkLeavesIt_NoneIsBroken_NothingMentionsTheOldDataFolder()
    {
        string root = RepoData.RepositoryRoot;
        string[] scanned = [.. RepositoryLinks.MarkdownFiles(root).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))];

        // The check really read the front door, the docs and the data notes.
        Assert.Contains("README.md", scanned);
        Assert.Contains("docs/architecture.md", scanned);
        Assert.Contains("docs/formats.md", scanned);
        Assert.Contains("data/README.md", scanned);

        List<string> problems = RepositoryLinks.Problems(root);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void PlantedTree_EveryBadLinkAndMentionIsReported_GoodOnesAndCodeAreNot()
    {
        Write("docs/a.md", "# A\n");
        Write("img/chart.svg", "<svg/>");
        Write("README.md", string.Join('\n',
            "[fine](docs/a.md) [fine with anchor](docs/a.md#a) [web](https://example.com/x.md) [here](#top)",
            "![chart](img/chart.svg) [root-relative](/docs/a.md) [folder](docs/)",
            "[outside](../elsewhere/notes.md)",
            "[missing](docs/none.md \"a title\")",
            "![missing image](<img/no such.svg>)",
            "[escapes by root](/../up.md)",
            "[ref]: docs/gone.md",
            "```sh",
            "cat [not a link](../in/code.md)",
            "```",
            "and `[not a link either](missing.md)` in a code span",
            string.Concat("old data lived in ", "..", "/shared", "/data"),
            ""));
        Write("src/Thing.cs", string.Concat("// reads ", "/work", "/shared", "/data\n"));

        List<string> problems = RepositoryLinks.Problems(_dir);

        string[] expected =
        [
            "README.md: link (../elsewhere/notes.md) resolves outside the repository",
            "README.md: link (docs/none.md) leads to a missing file",
            "README.md: link (<img/no such.svg>) leads to a missing file",
            "README.md: link (/../up.md) resolves outside the repository",
            "README.md: link (docs/gone.md) leads to a missing file",
            string.Concat("README.md: mentions ", "..", "/shared"),
            string.Concat("README.md: mentions ", "shared", "/data"),
            string.Concat("src/Thing.cs: mentions ", "shared", "/data"),
            string.Concat("src/Thing.cs: mentions ", "/work", "/shared"),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LinkTargets_TitlesAngleBracketsParenthesesAndReferences()
    {
        string md = "[a](x.md \"t\") [b](<y z.md>) [c](p(1).md) ![d](i.png 'u')\n  [e]: r.md \"title\"\n";
        Assert.Equal(["x.md", "<y z.md>", "p(1).md", "i.png", "r.md"], RepositoryLinks.LinkTargets(md));
    }

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
