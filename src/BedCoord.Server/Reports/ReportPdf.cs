using System.Diagnostics;
using System.Net;

namespace BedCoord.Server.Reports;

/// <summary>
/// Prints the report's page to PDF with headless Chromium (Reports:Chromium, default Debian's /usr/bin/chromium):
/// the same markup and css/report.css as on screen, laid out by the same engine, so there is no second layout to keep in line.
/// </summary>
public sealed class ReportPdf(IConfiguration config, IWebHostEnvironment env, ILogger<ReportPdf> log)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1); // a browser per PDF is heavy; meetings are not concurrent

    public string ChromiumPath => config["Reports:Chromium"] is { Length: > 0 } p ? p : "/usr/bin/chromium";
    public bool Available => File.Exists(ChromiumPath);

    /// <param name="stylesheet">A file of wwwroot/css inlined into the page (the main courante prints with its own).</param>
    public async Task<byte[]> RenderAsync(string title, string reportHtml, CancellationToken ct, string stylesheet = "report.css")
    {
        var css = await File.ReadAllTextAsync(Path.Combine(env.WebRootPath, "css", stylesheet), ct);
        var page = $"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>" +
                   $"<style>{css}</style></head><body class=\"report-page\">{reportHtml}</body></html>";
        var dir = Directory.CreateTempSubdirectory("bedcoord-report-");
        await OneAtATime.WaitAsync(ct);
        try
        {
            var htmlPath = Path.Combine(dir.FullName, "rapport.html");
            var pdfPath = Path.Combine(dir.FullName, "rapport.pdf");
            await File.WriteAllTextAsync(htmlPath, page, ct);
            var start = new ProcessStartInfo(ChromiumPath)
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync",
                    "--disable-component-update", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}",
                    $"--print-to-pdf={pdfPath}", new Uri(htmlPath).AbsoluteUri,
                },
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{ChromiumPath} did not start.");
            var stderr = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
            if (!File.Exists(pdfPath))
            {
                log.LogError("Chromium exited {Code} without a PDF: {Stderr}", process.ExitCode, await stderr);
                throw new InvalidOperationException("Chromium did not produce the PDF.");
            }
            return await File.ReadAllBytesAsync(pdfPath, ct);
        }
        finally
        {
            OneAtATime.Release();
            try { dir.Delete(recursive: true); } catch (IOException) { /* a Chromium helper still closing: the OS cleans /tmp */ }
        }
    }
}
