/**
 * The HTML frame of every message (eta template, autoEscape on: `<%= %>` escapes, `<%~ %>`
 * inserts markup we rendered ourselves). Built for Outlook, Яндекс and Mail.ru: tables for
 * layout, inline styles only, no <style> or <script>, no remote images, web-safe fonts.
 */
export default `<!DOCTYPE html>
<html lang="<%= it.lang %>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.title %></title>
</head>
<body style="margin:0;padding:0;background-color:#f2f4f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f2f4f7;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:640px;max-width:100%;background-color:#ffffff;border:1px solid #d9dde3;">
<tr><td style="padding:14px 20px;background-color:<%= it.accent %>;color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:13px;font-weight:bold;">
<%= it.banner %>
</td></tr>
<tr><td style="padding:18px 20px 6px 20px;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:24px;color:#1d2330;font-weight:bold;">
<%= it.title %>
</td></tr>
<tr><td style="padding:6px 20px 18px 20px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:21px;color:#1d2330;">
<%~ it.body %>
</td></tr>
<tr><td style="padding:12px 20px;border-top:1px solid #e6e9ee;font-family:Arial,Helvetica,sans-serif;font-size:11px;line-height:16px;color:#6b7385;">
<%= it.footer %>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
