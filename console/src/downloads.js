// Opening and saving files through the API's expiring, audited download addresses: the
// address is asked for only when the person clicks, so each click is one audited issue.

// Opens a tab at once (a tab opened after an await would be blocked as a pop-up), then sends it
// to the address once the API has issued it.
export async function openInNewTab(issueUrl) {
  const tab = window.open("", "_blank");
  try {
    const url = await issueUrl();
    if (tab) {
      tab.opener = null;
      tab.location.href = url;
    } else {
      window.location.assign(url);
    }
  } catch (error) {
    tab?.close();
    throw error;
  }
}

export async function saveFile(issueUrl, filename) {
  const url = await issueUrl();
  const link = document.createElement("a");
  link.href = url;
  link.download = filename || "";
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
}
