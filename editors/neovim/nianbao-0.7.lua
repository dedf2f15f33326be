-- nianbao for Markdown and text files, in init.lua (Neovim 0.7 or later). One client
-- serves every buffer; the server decides from the content which are reports.
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "text" },
  callback = function(args)
    if not vim.g.nianbao_client then
      vim.g.nianbao_client = vim.lsp.start_client({
        name = "nianbao",
        cmd = { "nianbao", "lsp" },
        init_options = { diagnosticsDelayMs = 300 },
      })
    end
    if vim.g.nianbao_client then
      vim.lsp.buf_attach_client(args.buf, vim.g.nianbao_client)
    end
  end,
})
