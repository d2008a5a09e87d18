using System.Text.RegularExpressions;

namespace Engine.Tests.Docs;

/// <summary>
/// Checks a repository's Markdown for links that leave it or lead nowhere, and every text file for mentions of the
/// data folder that used to live beside the checkout. Test-side; the tests run it on the repository and on planted trees.
/// </summary>
public static partial class RepositoryLinks
{
    // Built from parts so that this file does not mention what it looks for.
    private static readonly string[] ForbiddenMentions =
    [
        string.Concat("..", "/", "shared"),
        string.Concat("shared", "/", "data"),
        string.Concat("/work", "/", "shared"),
        string.Concat("ENGINE_", "SHARED_", "DATA"),
    ];

    // Folders that are build output or run output (.gitignore), and the raw data fixtures, which are not prose.
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "artifacts", "BenchmarkDotNet.Artifacts", "runs", "TestResults", ".vs", ".idea"];

    private static readonly string[] TextExtensions =
        [".md", ".cs", ".csproj", ".props", ".targets", ".sln", ".json", ".runsettings", ".editorconfig", ".gitignore", ".gitattributes", ".c", ".h", ".txt", ".sh", ".yml", ".yaml"];

    /// <summary>Every problem found under <paramref name="root"/>, one line each, as "file: problem".</summary>
    public static List<string> Problems(string root)
    {
        root = Path.GetFullPath(root);
        var problems = new List<string>();
        foreach (string file in TextFiles(root))
        {
            string text = File.ReadAllText(file);
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (string needle in ForbiddenMentions)
            {
                if (text.Contains(needle, StringComparison.Ordinal))
                {
                    problems.Add($"{relative}: mentions {needle}");
                }
            }

            if (file.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                foreach (string target in LinkTargets(text))
                {
                    string? problem = CheckTarget(root, Path.GetDirectoryName(file)!, target);
                    if (problem is not null)
                    {
                        problems.Add($"{relative}: link ({target}) {problem}");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>The Markdown files under <paramref name="root"/> (what the link check reads).</summary>
    public static IEnumerable<string> MarkdownFiles(string root) =>
        TextFiles(Path.GetFullPath(root)).Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase));

    /// <summary>Link and image targets of inline links and reference definitions, outside code blocks and code spans.</summary>
    public static List<string> LinkTargets(string markdown)
    {
        string prose = CodeSpan().Replace(FencedBlock().Replace(markdown, string.Empty), string.Empty);
        var targets = new List<string>();
        foreach (Match m in InlineLink().Matches(prose))
        {
            targets.Add(m.Groups["target"].Value);
        }

        foreach (Match m in ReferenceDefinition().Matches(prose))
        {
            targets.Add(m.Groups["target"].Value);
        }

        return targets;
    }

    private static string? CheckTarget(string root, string fileDirectory, string target)
    {
        string t = target.Trim();
        if (t.StartsWith('<') && t.EndsWith('>'))
        {
            t = t[1..^1];
        }

        if (t.Length == 0 || t.StartsWith('#') || UriScheme().IsMatch(t))
        {
            return null; // an anchor in the same file, or an absolute URL (http:, https:, mailto:)
        }

        int cut = t.IndexOfAny(['#', '?']);
        string pathPart = Uri.UnescapeDataString(cut >= 0 ? t[..cut] : t);
        if (pathPart.Length == 0)
        {
            return null;
        }

        // A leading '/' is relative to the repository root, as GitHub renders it.
        string resolved = Path.GetFullPath(pathPart.StartsWith('/') ? Path.Combine(root, pathPart.TrimStart('/')) : Path.Combine(fileDirectory, pathPart));
        string rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (resolved != root && !resolved.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            return "resolves outside the repository";
        }

        return File.Exists(resolved) || Directory.Exists(resolved) ? null : "leads to a missing file";
    }

    private static IEnumerable<string> TextFiles(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (string sub in Directory.EnumerateDirectories(dir))
            {
                string name = Path.GetFileName(sub);
                bool rawData = Path.GetRelativePath(root, sub).Replace('\\', '/') is "data/binance";
                if (!rawData && !SkippedFolders.Contains(name) && !(name == "build" && Path.GetFileName(dir) == "native"))
                {
                    pending.Push(sub);
                }
            }

            foreach (string file in Directory.EnumerateFiles(dir))
            {
                string name = Path.GetFileName(file);
                if (TextExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || name == "run")
                {
                    yield return file;
                }
            }
        }
    }

    [GeneratedRegex(@"^ {0,3}(```|~~~)[^\n]*\n.*?^ {0,3}\1[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"(`+)(?!`).*?(?<!`)\1(?!`)", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?<target><[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:""[^""\n]*""|'[^'\n]*'))?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]\n]+\]:\s*(?<target><[^>\n]*>|\S+)", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();
}
