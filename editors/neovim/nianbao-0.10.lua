-- nianbao for Markdown and text files, in init.lua (Neovim 0.10 or later).
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "text" },
  callback = function(args)
    vim.lsp.start({
      name = "nianbao",
      cmd = { "nianbao", "lsp" },
      root_dir = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)),
      init_options = { diagnosticsDelayMs = 300 },
    })
  end,
})
